import { mayHoldFunds, sessionsToRelease } from "../held-funds"

const refusedAt = new Date("2026-12-06T10:00:00Z")
const session = (id: string, provider_id: string, created_at: string) => ({ id, provider_id, created_at })

describe("sessionsToRelease", () => {
  it("releases the card sessions started before the refusal", () => {
    const cart = { payment_collection: { payment_sessions: [session("ps_card", "pp_stripe_stripe", "2026-12-06T09:59:00Z")] } }
    expect(sessionsToRelease(cart, refusedAt)).toEqual(["ps_card"])
  })

  it("keeps a card session the shopper started after the refusal (their next try)", () => {
    const cart = {
      payment_collection: {
        payment_sessions: [
          session("ps_old", "pp_stripe_stripe", "2026-12-06T09:59:59Z"),
          session("ps_next", "pp_stripe_stripe", "2026-12-06T10:00:01Z"),
        ],
      },
    }
    expect(sessionsToRelease(cart, refusedAt)).toEqual(["ps_old"])
  })

  it("never touches cash on delivery or manual payments, which hold no money", () => {
    const cart = {
      payment_collection: {
        payment_sessions: [session("ps_cod", "pp_cod_cod", "2026-12-06T09:00:00Z"), session("ps_sys", "pp_system_default", "2026-12-06T09:00:00Z")],
      },
    }
    expect(sessionsToRelease(cart, refusedAt)).toEqual([])
    expect([mayHoldFunds("pp_cod_cod"), mayHoldFunds("pp_system_default"), mayHoldFunds("pp_stripe_stripe")]).toEqual([false, false, true])
  })

  it("releases nothing of a cart completed meanwhile, or of one that is gone", () => {
    const completed = {
      completed_at: "2026-12-06T10:00:02Z",
      payment_collection: { payment_sessions: [session("ps_card", "pp_stripe_stripe", "2026-12-06T09:59:00Z")] },
    }
    expect(sessionsToRelease(completed, refusedAt)).toEqual([])
    expect(sessionsToRelease(undefined, refusedAt)).toEqual([])
    expect(sessionsToRelease({ payment_collection: null }, refusedAt)).toEqual([])
  })
})
