import { deliveryProblems } from "../delivery-rules"
import type { DeliveryFacts } from "../delivery-context"

const facts = (over: Partial<DeliveryFacts> = {}): DeliveryFacts => ({
  delivery_postal_code: "560038",
  delivery_item_total: "449",
  delivery_has_perishable: "true",
  perishable_titles: ["Almond Ladoo"],
  ...over,
})
const option = (name: string, attribute: string, operator: string, value: unknown) => ({
  id: "so_1",
  name,
  rules: [{ attribute, operator, value }],
})

describe("deliveryProblems", () => {
  it("words the seed's rules as before", () => {
    expect(deliveryProblems(option("Local delivery", "delivery_postal_code", "in", ["560001", "560008"]), facts())).toEqual([
      "Local delivery only delivers to postal codes 560001, 560008; 560038 is outside the area",
    ])
    expect(deliveryProblems(option("Local delivery", "delivery_item_total", "gte", 499), facts())).toEqual([
      "Local delivery needs a cart of at least ₹499; this cart is ₹449",
    ])
    expect(deliveryProblems(option("Courier", "delivery_has_perishable", "eq", "false"), facts())).toEqual([
      "Almond Ladoo is perishable and cannot go by courier",
    ])
  })

  it("words an owner's rule by its operator, never the opposite of what it says", () => {
    // The shop delivers 560038 itself: Courier excludes it.
    expect(deliveryProblems(option("Courier", "delivery_postal_code", "nin", ["560038"]), facts())).toEqual([
      "Courier does not deliver to postal code 560038",
    ])
    expect(deliveryProblems(option("Courier", "delivery_item_total", "lte", 400), facts())).toEqual([
      "Courier takes carts of at most ₹400; this cart is ₹449",
    ])
    expect(deliveryProblems(option("Cold box", "delivery_has_perishable", "eq", "true"), facts({ delivery_has_perishable: "false" }))).toEqual([
      "Cold box is not available for this cart",
    ])
    // A rule the cart meets is no problem, whatever its operator.
    expect(deliveryProblems(option("Courier", "delivery_postal_code", "nin", ["110001"]), facts())).toEqual([])
  })
})
