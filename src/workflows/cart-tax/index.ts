export * from "./workflows/follow-product-types-in-open-carts"
