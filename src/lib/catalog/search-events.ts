/**
 * The shop's own events that send products to the search index again
 * (src/search/product.ts follows them), for changes Medusa emits no usable
 * event for. Kept apart from the index definition, which registers itself when
 * its file is loaded.
 */

/**
 * Products whose sales channels changed through a sales channel's product
 * route (src/api/admin/sales-channels/reindex-products.ts): Medusa's own link
 * events for it carry no product id. Data: { id: product ids }.
 */
export const PRODUCT_SALES_CHANNELS_CHANGED = "local-shop.product-sales-channels.changed"

/**
 * Price lists whose effect on prices changed without a price event: drafted,
 * activated, re-dated or deleted in Admin (src/api/admin/price-lists), or
 * reaching their start or end (src/jobs/follow-price-list-schedules.ts).
 * Data: { id: price list ids }.
 */
export const PRICE_LISTS_CHANGED = "local-shop.price-lists.changed"
