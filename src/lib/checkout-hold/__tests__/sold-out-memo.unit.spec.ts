import { rememberedSoldOut, rememberSoldOut, SOLD_OUT_MEMO_MS, whenSoldOut } from "../sold-out-memo"

describe("the sold-out memo", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date("2026-12-07T10:00:00Z") })
  })
  afterEach(() => {
    jest.useRealTimers()
  })

  const line = (variant_id: string, quantity = 1) => ({ variant_id, quantity })

  it("remembers a variant with nothing left for SOLD_OUT_MEMO_MS, then forgets it", () => {
    rememberSoldOut([{ variant_id: "variant_gone", title: "Last Jar", requested: 2, available: 0 }])
    expect(rememberedSoldOut([line("variant_gone", 2), line("variant_other")])).toEqual([
      { variant_id: "variant_gone", title: "Last Jar", requested: 2, available: 0 },
    ])
    jest.advanceTimersByTime(SOLD_OUT_MEMO_MS)
    expect(rememberedSoldOut([line("variant_gone", 3)])).toEqual([
      { variant_id: "variant_gone", title: "Last Jar", requested: 3, available: 0 },
    ])
    jest.advanceTimersByTime(1)
    expect(rememberedSoldOut([line("variant_gone")])).toEqual([])
  })

  it("never remembers an item that is only short (some units left), nor a line without a variant", () => {
    rememberSoldOut([{ variant_id: "variant_short", title: "Two Left", requested: 3, available: 2 }])
    expect(rememberedSoldOut([line("variant_short"), { variant_id: null, quantity: 1 }])).toEqual([])
  })

  it("wakes the requests waiting for a variant found sold out, and only those", () => {
    const woken: string[] = []
    const stopA = whenSoldOut(["variant_a"], () => woken.push("a"))
    const stopB = whenSoldOut(["variant_b", "variant_c"], () => woken.push("b"))
    rememberSoldOut([{ variant_id: "variant_c", title: "C", requested: 1, available: 0 }])
    rememberSoldOut([{ variant_id: "variant_a", title: "A", requested: 1, available: 1 }])
    expect(woken).toEqual(["b"])
    stopB()
    rememberSoldOut([{ variant_id: "variant_b", title: "B", requested: 1, available: 0 }])
    expect(woken).toEqual(["b"])
    stopA()
  })
})
