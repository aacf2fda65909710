import { gunzipSync } from "zlib"
import {
  RenderedAnswers,
  etagOf,
  fillSlots,
  gzipEtagOf,
  gzippedBody,
  hashOf,
  matchesIfNoneMatch,
  toSlottedJson,
} from "../availability-slots"

const answer = {
  products: [
    {
      id: "prod_1",
      title: 'Almond "Ladoo"',
      variants: [
        { id: "variant_a", inventory_quantity: 3, calculated_price: { calculated_amount: 250 } },
        { id: "variant_b", inventory_quantity: 0 },
        { id: "variant_c", manage_inventory: false },
      ],
    },
    { id: "prod_2", variants: [{ id: "variant_d", inventory_quantity: null }], metadata: { inventory_quantity: 7 } },
  ],
  count: 2,
}

describe("availability cut out of a cached answer", () => {
  it("gives back exactly res.json's text when filled with the answer's own figures", () => {
    const slotted = toSlottedJson(answer)
    expect(slotted.slots).toEqual(["variant_a", "variant_b", "variant_d"])
    expect(slotted.quantities).toEqual([3, 0, null])
    expect(fillSlots(slotted.parts, slotted.quantities)).toBe(JSON.stringify(answer))
  })

  it("merges fresh figures into the same text, leaving everything else as it was", () => {
    const slotted = toSlottedJson(answer)
    const merged = JSON.parse(fillSlots(slotted.parts, [1, 5, 2]))
    expect(merged.products[0].variants.map((v: { inventory_quantity?: number }) => v.inventory_quantity)).toEqual([1, 5, undefined])
    expect(merged.products[1].variants[0].inventory_quantity).toBe(2)
    // Not a variant: left alone.
    expect(merged.products[1].metadata.inventory_quantity).toBe(7)
    expect(merged.products[0].title).toBe('Almond "Ladoo"')
  })

  it("leaves the answer object as it found it", () => {
    const before = JSON.stringify(answer)
    toSlottedJson(answer)
    expect(JSON.stringify(answer)).toBe(before)
  })

  it("cuts out a variant met twice (one object, two places) at both places", () => {
    const shared = { id: "variant_s", inventory_quantity: 4 }
    const body = { a: [shared], b: { variant: shared } }
    const slotted = toSlottedJson(body)
    expect(slotted.slots).toEqual(["variant_s", "variant_s"])
    expect(JSON.parse(fillSlots(slotted.parts, [9, 9]))).toEqual({ a: [{ id: "variant_s", inventory_quantity: 9 }], b: { variant: { id: "variant_s", inventory_quantity: 9 } } })
    expect(shared.inventory_quantity).toBe(4)
  })

  it("leaves answers without availability whole", () => {
    const slotted = toSlottedJson({ regions: [{ id: "reg_1", name: "India" }] })
    expect(slotted.parts).toHaveLength(1)
    expect(fillSlots(slotted.parts, [])).toBe('{"regions":[{"id":"reg_1","name":"India"}]}')
  })
})

describe("an answer's bytes, kept per stored answer", () => {
  const slotted = toSlottedJson(answer)
  const stored = { parts: slotted.parts, hash: hashOf(slotted.parts) }

  it("are the merged text with the ETag of its figures", () => {
    const rendered = new RenderedAnswers().render(stored, [1, 5, 2])
    expect(rendered.body.toString("utf8")).toBe(fillSlots(stored.parts, [1, 5, 2]))
    expect(rendered.etag).toBe(etagOf(stored.hash, [1, 5, 2]))
  })

  it("are sent again as the same Buffer while the figures stay, and made anew when one moves", () => {
    const answers = new RenderedAnswers()
    const first = answers.render(stored, [1, 5, 2])
    expect(answers.render(stored, [1, 5, 2]).body).toBe(first.body)
    const moved = answers.render(stored, [1, 4, 2])
    expect(moved.body).not.toBe(first.body)
    expect(JSON.parse(moved.body.toString("utf8")).products[0].variants[1].inventory_quantity).toBe(4)
    expect(moved.etag).not.toBe(first.etag)
    // null and 0 are different figures.
    expect(answers.render(stored, [1, 4, null]).etag).not.toBe(answers.render(stored, [1, 4, 0]).etag)
  })
})

describe("ETag and If-None-Match", () => {
  it("changes the ETag when a figure changes, and only then", () => {
    const hash = hashOf("body")
    expect(etagOf(hash, [1, 2])).toBe(etagOf(hash, [1, 2]))
    expect(etagOf(hash, [1, 2])).not.toBe(etagOf(hash, [1, 3]))
    expect(etagOf(hash, [])).toBe(`"${hash}"`)
  })

  it("hashes an answer's parts as their text joined by NUL, without joining them", () => {
    expect(hashOf(["{\"a\":", ",\"b\":", "}"])).toBe(hashOf("{\"a\":\u0000,\"b\":\u0000}"))
    expect(hashOf(["ab", "c"])).not.toBe(hashOf(["a", "bc"]))
  })

  it("matches a listed, weak or wildcard tag, and nothing else", () => {
    expect(matchesIfNoneMatch('"a", "b"', '"b"')).toBe(true)
    expect(matchesIfNoneMatch('W/"b"', '"b"')).toBe(true)
    expect(matchesIfNoneMatch("*", '"b"')).toBe(true)
    expect(matchesIfNoneMatch('"a"', '"b"')).toBe(false)
    expect(matchesIfNoneMatch(undefined, '"b"')).toBe(false)
    // Any of one answer's representations (plain and gzip-encoded).
    expect(matchesIfNoneMatch('"b.gz"', '"b"', '"b.gz"')).toBe(true)
    expect(matchesIfNoneMatch('"c"', '"b"', '"b.gz"')).toBe(false)
  })
})

describe("an answer's gzip-encoded bytes, kept per rendering", () => {
  const body = { products: Array.from({ length: 40 }, (_, i) => ({ id: `prod_${i}`, title: "Almond ladoo", variants: [] })) }

  it("encodes once per rendering, decodes to the very bytes, and is made anew when the figures change", async () => {
    const slotted = toSlottedJson(body)
    const stored = { parts: slotted.parts, hash: hashOf(slotted.parts) }
    const answers = new RenderedAnswers()
    const rendered = answers.render(stored, [])
    const first = gzippedBody(rendered)
    expect(gzippedBody(answers.render(stored, []))).toBe(first)
    expect(gunzipSync(await first).equals(rendered.body)).toBe(true)
    expect((await first).length).toBeLessThan(rendered.body.length / 4)

    const withFigures = toSlottedJson({ variants: [{ id: "variant_1", inventory_quantity: 3 }], pad: "x".repeat(2000) })
    const priced = { parts: withFigures.parts, hash: hashOf(withFigures.parts) }
    const three = answers.render(priced, [3])
    const two = answers.render(priced, [2])
    expect(gunzipSync(await gzippedBody(two)).toString()).toContain('"inventory_quantity":2')
    expect(gunzipSync(await gzippedBody(three)).toString()).toContain('"inventory_quantity":3')
  })

  it("gives the encoded bytes an ETag of their own", () => {
    const etag = etagOf("abc", [1])
    expect(gzipEtagOf(etag)).not.toBe(etag)
    expect(gzipEtagOf(etag)).toMatch(/^"[^"]+\.gz"$/)
  })
})
