import CashOnDeliveryProvider from "../cod-payment/service"

describe("cash on delivery provider: refunds", () => {
  const provider = new CashOnDeliveryProvider({}, {})
  const paid = { method: "cash_on_delivery", reference: "ref-1", amount: 300, authorized_at: "2026-12-01T10:00:00.000Z", collected_at: "2026-12-01T12:00:00.000Z" }

  it("keeps the total refunded: two partial refunds add up", async () => {
    const first = await provider.refundPayment({ data: paid, amount: 100 })
    expect(first.data).toMatchObject({ refunded: 100, collected_at: paid.collected_at })
    const second = await provider.refundPayment({ data: first.data, amount: 50.5 })
    expect(second.data).toMatchObject({ refunded: 150.5, reference: "ref-1" })
  })

  it("adds to a total Medusa stored serialized, and starts from nothing when the stored value is not an amount", async () => {
    expect((await provider.refundPayment({ data: { ...paid, refunded: { value: "40", precision: 20 } }, amount: 10 })).data).toMatchObject({
      refunded: 50,
    })
    expect((await provider.refundPayment({ data: { ...paid, refunded: "twenty" }, amount: 10 })).data).toMatchObject({ refunded: 10 })
  })
})
