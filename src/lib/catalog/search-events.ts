/**
 * The shop's own events that send products to the search index again
 * (src/search/product.ts follows them), for changes Medusa emits no usable
 * event for. Kept apart from the index definition, which registers itself when
 * its file is loaded.
 */

/**
 * Products whose sales channels, categories or collection changed through the
 * channel's, category's or collection's product route
 * (src/api/admin/reindex-linked-products.ts): Medusa's own link events for them
 * carry no product id. Data: { id: product ids }.
 */
export const PRODUCT_LINKS_CHANGED = "local-shop.product-links.changed"

/**
 * Price lists whose effect on prices changed without a price event: drafted,
 * activated, re-dated or deleted in Admin (src/api/admin/price-lists), or
 * reaching their start or end (src/jobs/follow-price-list-schedules.ts).
 * Data: { id: price list ids }.
 */
export const PRICE_LISTS_CHANGED = "local-shop.price-lists.changed"
