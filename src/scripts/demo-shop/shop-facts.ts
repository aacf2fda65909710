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
  fulfillmentSets: [
    {
      name: "Local Shop deliveries",
      type: "shipping",
      zone: "India",
      options: [
        {
          name: "Local delivery",
          code: "local-delivery",
          description: "Delivered in Bengaluru by the shop, same or next day.",
          price_inr: 40,
        },
        {
          name: "Courier",
          code: "courier",
          description: "Anywhere in India by courier, 3 to 6 days.",
          price_inr: 99,
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
          description: "Pick up at 12, 100 Feet Road, Indiranagar. Open 10:00 to 20:00, closed Mondays.",
          price_inr: 0,
        },
      ],
    },
  ],
} as const
