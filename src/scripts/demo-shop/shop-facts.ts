/** Facts about the demo shop itself: where it is, what it sells in, how it ships. */
export const DEMO_SHOP = {
  name: "Local Shop",
  salesChannel: "Local Shop Storefront",
  publishableKeyTitle: "Local Shop Storefront",
  region: "India",
  country: "in",
  currency: "inr",
  /** Medusa's system provider (manual) and cash on delivery. */
  paymentProviders: ["pp_system_default", "pp_cod_cod"],
  /** Store metadata key set once the demo shop has been seeded. */
  seededMarker: "demo_shop_seeded_at",
  location: {
    name: "Local Shop, Indiranagar",
    address: {
      address_1: "12, 100 Feet Road, Indiranagar",
      city: "Bengaluru",
      province: "Karnataka",
      postal_code: "560038",
      country_code: "IN",
      phone: "+91 80 4000 1234",
    },
  },
  /** Postal codes the shop delivers to itself (a dozen around Indiranagar, Bengaluru). */
  deliveryArea: [
    "560001", "560005", "560008", "560017", "560025", "560034",
    "560038", "560042", "560043", "560051", "560071", "560075",
  ],
  /** GST by product kind (prices include tax, as Indian shelf prices do). */
  gst: {
    snack: { name: "GST 5% (snacks)", code: "GST5", rate: 5 },
    art: { name: "GST 12% (art)", code: "GST12", rate: 12 },
    standard: { name: "GST 18%", code: "GST18", rate: 18 },
  },
  fulfillmentSets: [
    {
      name: "Local Shop deliveries",
      type: "shipping",
      zone: "India",
      options: [
        {
          name: "Local delivery",
          code: "local-delivery",
          description: "Delivered by the shop in Bengaluru, same or next day. Free from ₹499.",
          price_inr: 40,
          /** Free at or above this cart total. */
          free_from_inr: 499,
          rules: [
            { attribute: "delivery_postal_code", operator: "in", value: "deliveryArea" },
            { attribute: "delivery_item_total", operator: "gte", value: "199" },
          ],
        },
        {
          name: "Courier",
          code: "courier",
          description: "Anywhere in India by courier, 3 to 6 days. Not for perishable snacks.",
          price_inr: 99,
          rules: [{ attribute: "delivery_has_perishable", operator: "eq", value: "false" }],
        },
      ],
    },
    {
      name: "Local Shop pickup",
      type: "pickup",
      zone: "Shop counter",
      options: [
        {
          name: "Store pickup",
          code: "store-pickup",
          description: "Pick up at 12, 100 Feet Road, Indiranagar, Bengaluru 560038. Open 10:00 to 20:00, closed Mondays.",
          price_inr: 0,
          data: {
            pickup_address: "12, 100 Feet Road, Indiranagar, Bengaluru 560038",
            opening_hours: "Tuesday to Sunday, 10:00 to 20:00; closed Mondays",
          },
        },
      ],
    },
  ],
} as const
