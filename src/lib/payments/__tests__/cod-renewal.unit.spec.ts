import { codCollectionToRenew } from "../cod-renewal"

const cancelledCod = { id: "pay_col_old", status: "canceled", amount: 299, payments: [{ id: "pay_1", provider_id: "pp_cod_cod" }] }
const renewed = { id: "pay_col_new", status: "not_paid", amount: 578, payments: [], payment_sessions: [] }

describe("codCollectionToRenew", () => {
  it("names the collection Medusa re-did for a cash-on-delivery order, with nothing to pay it", () => {
    expect(codCollectionToRenew({ status: "pending", payment_collections: [cancelledCod, renewed] })).toBe("pay_col_new")
  })

  it("leaves a canceled order, a card order, a collection already paying and nothing owed alone", () => {
    expect(codCollectionToRenew({ status: "canceled", payment_collections: [cancelledCod, renewed] })).toBeNull()
    const card = { ...cancelledCod, payments: [{ id: "pay_2", provider_id: "pp_stripe_stripe" }] }
    expect(codCollectionToRenew({ status: "pending", payment_collections: [card, renewed] })).toBeNull()
    const paying = { ...renewed, payment_sessions: [{ id: "payses_1" }] }
    expect(codCollectionToRenew({ status: "pending", payment_collections: [cancelledCod, paying] })).toBeNull()
    expect(codCollectionToRenew({ status: "pending", payment_collections: [cancelledCod, { ...renewed, amount: 0 }] })).toBeNull()
    expect(codCollectionToRenew(undefined)).toBeNull()
  })
})
