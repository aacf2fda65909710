/** One cart line's share of an inventory item. */
export type NeedLine = {
  variant_id: string
  title: string
  /** Units of the variant in the cart line. */
  quantity: number
  /** Units of the inventory item per unit of the variant (bundles). */
  required_quantity: number
  /** The variant's product (for the per-order rules, without reading the variant again). */
  product_id?: string | null
  product_title?: string | null
}

/** What a cart needs of one inventory item, summed across all its lines. */
export type StockNeed = {
  inventory_item_id: string
  quantity: number
  lines: NeedLine[]
}

export type CartStockNeeds = {
  cart_id: string
  completed: boolean
  /** Stock locations of the cart's sales channel, the store's default first. */
  location_ids: string[]
  needs: StockNeed[]
  /** Units per variant of every line, as read: what the checks decided on. */
  line_units: Record<string, number>
}

/** Stock of one inventory item at one location, as a checkout sees it. */
export type StockPosition = {
  inventory_item_id: string
  location_id: string
  stocked: number
  reserved: number
  /** Units other carts hold, less any a completion in flight has already reserved (never counted twice). */
  held_by_others: number
}

export type PlannedHold = {
  variant_id: string
  inventory_item_id: string
  location_id: string
  quantity: number
}
