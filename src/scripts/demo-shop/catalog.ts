/**
 * The demo shop's catalogue: what a small snack-and-art shop in Bengaluru sells.
 *
 * Plain data, no Medusa calls: the seed turns it into categories, products,
 * prices and stock. Stock is per variant at the shop's one location; a few
 * variants are deliberately low (1 to 3 units) so that "only N left" shows up.
 */
export type CategorySeed = {
  name: string
  handle: string
  description: string
  children: { name: string; handle: string; description: string }[]
}

export type VariantSeed = {
  title: string
  sku: string
  /** Option title -> value, e.g. { "Pack size": "250 g" }. */
  options: Record<string, string>
  price_inr: number
  stock: number
  /** Shipping weight in grams. */
  weight_g: number
}

export type ProductSeed = {
  title: string
  handle: string
  subtitle: string
  description: string
  category_handle: string
  /** File name under ./images. */
  image: string
  options: { title: string; values: string[] }[]
  variants: VariantSeed[]
}

export const CATEGORIES: CategorySeed[] = [
  {
    name: "Snacks",
    handle: "snacks",
    description: "Healthy snacks made in small batches: ladoos, chocolates, bars and nuts.",
    children: [
      { name: "Ladoos", handle: "ladoos", description: "Hand-rolled ladoos sweetened with jaggery and dates." },
      { name: "Chocolates", handle: "chocolates", description: "Bean-to-bar and jaggery chocolates." },
      { name: "Healthy bars", handle: "healthy-bars", description: "Protein, millet and energy bars." },
      { name: "Dry fruits & nuts", handle: "dry-fruits-nuts", description: "Nuts, dried fruit, makhana and mixes." },
    ],
  },
  {
    name: "Art",
    handle: "art",
    description: "Art supplies, original handmade artworks and printed t-shirts.",
    children: [
      { name: "Art supplies", handle: "art-supplies", description: "Paper, paints, pencils and brushes." },
      { name: "Handmade artworks", handle: "handmade-artworks", description: "Original paintings and drawings by local artists." },
      { name: "T-shirts & prints", handle: "t-shirts-prints", description: "Printed t-shirts and art prints." },
    ],
  },
]

type PackSize = { label: string; grams: number; price_inr: number; stock: number }

/** A snack sold in pack sizes: one variant per size. */
function packs(
  product: Omit<ProductSeed, "options" | "variants">,
  skuPrefix: string,
  sizes: PackSize[]
): ProductSeed {
  return {
    ...product,
    options: [{ title: "Pack size", values: sizes.map((s) => s.label) }],
    variants: sizes.map((s) => ({
      title: s.label,
      sku: `${skuPrefix}-${s.label.replace(/\s+/g, "").toUpperCase()}`,
      options: { "Pack size": s.label },
      price_inr: s.price_inr,
      stock: s.stock,
      weight_g: s.grams + 30,
    })),
  }
}

/** A product with a single variant (an original artwork, a set of pencils). */
function single(
  product: Omit<ProductSeed, "options" | "variants">,
  sku: string,
  variant: { title: string; price_inr: number; stock: number; weight_g: number }
): ProductSeed {
  return {
    ...product,
    options: [{ title: "Edition", values: [variant.title] }],
    variants: [{ ...variant, sku, options: { Edition: variant.title } }],
  }
}

const TSHIRT_SIZES = ["S", "M", "L", "XL"]

function tshirt(
  product: Omit<ProductSeed, "options" | "variants">,
  skuPrefix: string,
  price_inr: number,
  stockBySize: number[]
): ProductSeed {
  return {
    ...product,
    options: [{ title: "Size", values: TSHIRT_SIZES }],
    variants: TSHIRT_SIZES.map((size, i) => ({
      title: size,
      sku: `${skuPrefix}-${size}`,
      options: { Size: size },
      price_inr,
      stock: stockBySize[i],
      weight_g: 220,
    })),
  }
}

export const PRODUCTS: ProductSeed[] = [
  // Ladoos
  packs(
    {
      title: "Almond Ladoo",
      handle: "almond-ladoo",
      subtitle: "Almonds, dates and a little ghee",
      description: "Roasted almonds bound with Medjool dates and a spoon of desi ghee. No refined sugar.",
      category_handle: "ladoos",
      image: "almond-ladoo.svg",
    },
    "LAD-ALM",
    [
      { label: "250 g", grams: 250, price_inr: 349, stock: 6 },
      { label: "500 g", grams: 500, price_inr: 649, stock: 12 },
    ]
  ),
  packs(
    {
      title: "Dates & Nuts Ladoo",
      handle: "dates-nuts-ladoo",
      subtitle: "Sweetened only by dates",
      description: "Dates, cashews, pistachios and poppy seeds, rolled by hand every morning.",
      category_handle: "ladoos",
      image: "dates-nuts-ladoo.svg",
    },
    "LAD-DTN",
    [
      { label: "250 g", grams: 250, price_inr: 329, stock: 15 },
      { label: "500 g", grams: 500, price_inr: 599, stock: 8 },
    ]
  ),
  packs(
    {
      title: "Ragi Jaggery Ladoo",
      handle: "ragi-jaggery-ladoo",
      subtitle: "Finger millet and organic jaggery",
      description: "Stone-ground ragi roasted in ghee and sweetened with organic jaggery from Mandya.",
      category_handle: "ladoos",
      image: "ragi-jaggery-ladoo.svg",
    },
    "LAD-RAG",
    [{ label: "250 g", grams: 250, price_inr: 249, stock: 20 }]
  ),
  packs(
    {
      title: "Besan Ladoo",
      handle: "besan-ladoo",
      subtitle: "Grandmother's recipe",
      description: "Slow-roasted gram flour, ghee, cardamom and a little jaggery.",
      category_handle: "ladoos",
      image: "besan-ladoo.svg",
    },
    "LAD-BES",
    [{ label: "250 g", grams: 250, price_inr: 229, stock: 3 }]
  ),
  packs(
    {
      title: "Flaxseed Ladoo",
      handle: "flaxseed-ladoo",
      subtitle: "Omega-3 in every bite",
      description: "Roasted flaxseed, sesame, peanuts and jaggery.",
      category_handle: "ladoos",
      image: "flaxseed-ladoo.svg",
    },
    "LAD-FLX",
    [{ label: "250 g", grams: 250, price_inr: 259, stock: 18 }]
  ),
  // Chocolates
  packs(
    {
      title: "70% Dark Chocolate with Sea Salt",
      handle: "dark-chocolate-sea-salt",
      subtitle: "Single-origin Idukki cacao",
      description: "Bean-to-bar 70% dark chocolate from Kerala cacao with a pinch of sea salt.",
      category_handle: "chocolates",
      image: "dark-chocolate-sea-salt.svg",
    },
    "CHO-DSS",
    [{ label: "80 g", grams: 80, price_inr: 280, stock: 25 }]
  ),
  packs(
    {
      title: "Jaggery Milk Chocolate",
      handle: "jaggery-milk-chocolate",
      subtitle: "Creamy, sweetened with jaggery",
      description: "Milk chocolate sweetened with palm jaggery instead of sugar.",
      category_handle: "chocolates",
      image: "jaggery-milk-chocolate.svg",
    },
    "CHO-JMC",
    [{ label: "80 g", grams: 80, price_inr: 260, stock: 22 }]
  ),
  packs(
    {
      title: "Cranberry Almond Dark Bark",
      handle: "cranberry-almond-bark",
      subtitle: "Snap it, share it",
      description: "Dark chocolate bark loaded with dried cranberries and roasted almonds.",
      category_handle: "chocolates",
      image: "cranberry-almond-bark.svg",
    },
    "CHO-CAB",
    [
      { label: "100 g", grams: 100, price_inr: 320, stock: 2 },
      { label: "200 g", grams: 200, price_inr: 590, stock: 6 },
    ]
  ),
  packs(
    {
      title: "Coorg Coffee Dark Chocolate",
      handle: "coorg-coffee-chocolate",
      subtitle: "Dark chocolate with Coorg arabica",
      description: "60% dark chocolate with finely ground Coorg arabica coffee.",
      category_handle: "chocolates",
      image: "coorg-coffee-chocolate.svg",
    },
    "CHO-CCD",
    [{ label: "80 g", grams: 80, price_inr: 290, stock: 14 }]
  ),
  // Healthy bars
  packs(
    {
      title: "Peanut Butter Protein Bar",
      handle: "peanut-butter-protein-bar",
      subtitle: "15 g protein, no added sugar",
      description: "Peanut butter, whey, oats and dates. 15 g of protein per bar.",
      category_handle: "healthy-bars",
      image: "peanut-butter-protein-bar.svg",
    },
    "BAR-PBP",
    [
      { label: "Single bar", grams: 60, price_inr: 99, stock: 40 },
      { label: "Box of 6", grams: 360, price_inr: 549, stock: 10 },
    ]
  ),
  packs(
    {
      title: "Millet Granola Bar",
      handle: "millet-granola-bar",
      subtitle: "Foxtail millet, honey and seeds",
      description: "Crunchy granola bar of foxtail millet, oats, honey, pumpkin and sunflower seeds.",
      category_handle: "healthy-bars",
      image: "millet-granola-bar.svg",
    },
    "BAR-MGB",
    [
      { label: "Single bar", grams: 40, price_inr: 60, stock: 35 },
      { label: "Box of 6", grams: 240, price_inr: 330, stock: 9 },
    ]
  ),
  packs(
    {
      title: "Date & Cashew Energy Bar",
      handle: "date-cashew-energy-bar",
      subtitle: "Three ingredients, nothing else",
      description: "Dates, cashews and cocoa pressed into a soft energy bar.",
      category_handle: "healthy-bars",
      image: "date-cashew-energy-bar.svg",
    },
    "BAR-DCE",
    [{ label: "Single bar", grams: 45, price_inr: 75, stock: 30 }]
  ),
  packs(
    {
      title: "Oats & Honey Bar",
      handle: "oats-honey-bar",
      subtitle: "A breakfast you can carry",
      description: "Rolled oats, wild forest honey, almonds and raisins.",
      category_handle: "healthy-bars",
      image: "oats-honey-bar.svg",
    },
    "BAR-OHB",
    [{ label: "Single bar", grams: 40, price_inr: 55, stock: 28 }]
  ),
  // Dry fruits & nuts
  packs(
    {
      title: "California Almonds",
      handle: "california-almonds",
      subtitle: "Whole, raw, crunchy",
      description: "Whole raw almonds, sorted by hand.",
      category_handle: "dry-fruits-nuts",
      image: "california-almonds.svg",
    },
    "DRY-ALM",
    [
      { label: "250 g", grams: 250, price_inr: 299, stock: 30 },
      { label: "500 g", grams: 500, price_inr: 579, stock: 16 },
    ]
  ),
  packs(
    {
      title: "Kashmiri Walnut Kernels",
      handle: "kashmiri-walnut-kernels",
      subtitle: "Light halves from Kashmir",
      description: "Light-coloured walnut halves from Kashmir orchards.",
      category_handle: "dry-fruits-nuts",
      image: "kashmiri-walnut-kernels.svg",
    },
    "DRY-WAL",
    [{ label: "250 g", grams: 250, price_inr: 449, stock: 12 }]
  ),
  packs(
    {
      title: "Peri Peri Roasted Makhana",
      handle: "peri-peri-makhana",
      subtitle: "Fox nuts roasted in olive oil",
      description: "Bihar makhana slow-roasted in olive oil and tossed in peri peri spice.",
      category_handle: "dry-fruits-nuts",
      image: "peri-peri-makhana.svg",
    },
    "DRY-MAK",
    [{ label: "80 g", grams: 80, price_inr: 149, stock: 24 }]
  ),
  packs(
    {
      title: "Trail Mix",
      handle: "trail-mix",
      subtitle: "Nuts, seeds and berries",
      description: "Almonds, cashews, pumpkin seeds, raisins and dried cranberries.",
      category_handle: "dry-fruits-nuts",
      image: "trail-mix.svg",
    },
    "DRY-TRL",
    [{ label: "200 g", grams: 200, price_inr: 279, stock: 20 }]
  ),
  // Art supplies
  single(
    {
      title: "Cold-Pressed Watercolour Paper Pad A4",
      handle: "watercolour-paper-pad-a4",
      subtitle: "300 gsm, 100% cotton, 12 sheets",
      description: "Acid-free cold-pressed cotton paper that takes heavy washes without buckling.",
      category_handle: "art-supplies",
      image: "watercolour-paper-pad-a4.svg",
    },
    "SUP-WPP-A4",
    { title: "A4, 12 sheets", price_inr: 690, stock: 15, weight_g: 450 }
  ),
  single(
    {
      title: "Artist Acrylic Set, 12 Colours",
      handle: "artist-acrylic-set-12",
      subtitle: "12 x 22 ml tubes",
      description: "Heavy-body artist acrylics in 12 colours, mixable and lightfast.",
      category_handle: "art-supplies",
      image: "artist-acrylic-set-12.svg",
    },
    "SUP-ACR-12",
    { title: "12 x 22 ml", price_inr: 899, stock: 10, weight_g: 400 }
  ),
  single(
    {
      title: "Graphite Sketching Pencil Set",
      handle: "graphite-sketching-pencils",
      subtitle: "8B to 2H, 12 pencils",
      description: "Twelve graphite pencils from 8B to 2H in a tin, for sketching and shading.",
      category_handle: "art-supplies",
      image: "graphite-sketching-pencils.svg",
    },
    "SUP-PEN-12",
    { title: "12 pencils", price_inr: 450, stock: 20, weight_g: 200 }
  ),
  single(
    {
      title: "Handmade Squirrel-Hair Brush Set",
      handle: "handmade-brush-set",
      subtitle: "Made in Kolkata, set of 5",
      description: "Five round watercolour brushes handmade by a family workshop in Kolkata.",
      category_handle: "art-supplies",
      image: "handmade-brush-set.svg",
    },
    "SUP-BRS-5",
    { title: "Set of 5", price_inr: 1250, stock: 3, weight_g: 120 }
  ),
  // Handmade artworks (originals: one unit each)
  single(
    {
      title: "Monsoon Over the Ghats",
      handle: "monsoon-over-the-ghats",
      subtitle: "Original watercolour, 30 x 40 cm",
      description: "Rain clouds rolling over the Western Ghats, painted on location near Agumbe.",
      category_handle: "handmade-artworks",
      image: "monsoon-over-the-ghats.svg",
    },
    "ART-MOG-1",
    { title: "Original", price_inr: 8500, stock: 1, weight_g: 900 }
  ),
  single(
    {
      title: "Banyan at Dusk",
      handle: "banyan-at-dusk",
      subtitle: "Original acrylic on canvas, 45 x 60 cm",
      description: "The old banyan of Cubbon Park in the last light of the day.",
      category_handle: "handmade-artworks",
      image: "banyan-at-dusk.svg",
    },
    "ART-BAD-1",
    { title: "Original", price_inr: 14500, stock: 1, weight_g: 1800 }
  ),
  single(
    {
      title: "Temple Street Ink Study",
      handle: "temple-street-ink-study",
      subtitle: "Original ink drawing, 21 x 29.7 cm",
      description: "Pen-and-ink study of a Basavanagudi temple street on a festival morning.",
      category_handle: "handmade-artworks",
      image: "temple-street-ink-study.svg",
    },
    "ART-TSI-1",
    { title: "Original", price_inr: 4200, stock: 1, weight_g: 300 }
  ),
  single(
    {
      title: "Lotus Pond",
      handle: "lotus-pond",
      subtitle: "Original oil on canvas, 50 x 50 cm",
      description: "Lotuses in a village pond near Hampi, in thick impasto oil.",
      category_handle: "handmade-artworks",
      image: "lotus-pond.svg",
    },
    "ART-LTP-1",
    { title: "Original", price_inr: 18000, stock: 1, weight_g: 2000 }
  ),
  // T-shirts & prints
  tshirt(
    {
      title: "Chai Time T-shirt",
      handle: "chai-time-tshirt",
      subtitle: "Screen-printed organic cotton",
      description: "A cutting-chai glass screen-printed in two colours on organic cotton.",
      category_handle: "t-shirts-prints",
      image: "chai-time-tshirt.svg",
    },
    "TEE-CHAI",
    799,
    [6, 10, 8, 2]
  ),
  tshirt(
    {
      title: "Ladoo Lover T-shirt",
      handle: "ladoo-lover-tshirt",
      subtitle: "For the one who always takes two",
      description: "Hand-drawn ladoo illustration printed on a soft cotton tee.",
      category_handle: "t-shirts-prints",
      image: "ladoo-lover-tshirt.svg",
    },
    "TEE-LADOO",
    749,
    [5, 7, 7, 3]
  ),
  {
    title: "Peacock Art Print",
    handle: "peacock-art-print",
    subtitle: "Giclée print on archival paper",
    description: "Giclée reproduction of a gouache peacock, signed by the artist.",
    category_handle: "t-shirts-prints",
    image: "peacock-art-print.svg",
    options: [{ title: "Size", values: ["A4", "A3"] }],
    variants: [
      { title: "A4", sku: "PRT-PEA-A4", options: { Size: "A4" }, price_inr: 999, stock: 12, weight_g: 150 },
      { title: "A3", sku: "PRT-PEA-A3", options: { Size: "A3" }, price_inr: 1599, stock: 6, weight_g: 250 },
    ],
  },
  single(
    {
      title: "Bengaluru Skyline Screen Print",
      handle: "bengaluru-skyline-screen-print",
      subtitle: "Limited edition of 30, A3",
      description: "Three-colour screen print of the Bengaluru skyline, numbered and signed.",
      category_handle: "t-shirts-prints",
      image: "bengaluru-skyline-screen-print.svg",
    },
    "PRT-BSK-A3",
    { title: "A3, numbered", price_inr: 2200, stock: 2, weight_g: 250 }
  ),
]

/**
 * Options shared by many products (`is_exclusive: false`), so that a storefront
 * can offer them as filters (`GET /store/product-options?is_exclusive=false`).
 * Each product links the shared option with only the values it sells.
 */
export const SHARED_OPTION_TITLES = ["Pack size", "Size"] as const

export type CollectionSeed = { title: string; handle: string; product_handles: string[] }

/** Collections for a storefront's home page; a product sits in at most one. */
export const COLLECTIONS: CollectionSeed[] = [
  {
    title: "Festive ladoos",
    handle: "festive-ladoos",
    product_handles: ["almond-ladoo", "dates-nuts-ladoo", "ragi-jaggery-ladoo", "besan-ladoo", "flaxseed-ladoo"],
  },
  {
    title: "Handmade originals",
    handle: "handmade-originals",
    product_handles: ["monsoon-over-the-ghats", "banyan-at-dusk", "temple-street-ink-study", "lotus-pond"],
  },
  {
    title: "Under ₹299",
    handle: "under-299",
    product_handles: [
      "dark-chocolate-sea-salt",
      "jaggery-milk-chocolate",
      "coorg-coffee-chocolate",
      "peanut-butter-protein-bar",
      "millet-granola-bar",
      "date-cashew-energy-bar",
      "oats-honey-bar",
      "peri-peri-makhana",
      "trail-mix",
    ],
  },
]
