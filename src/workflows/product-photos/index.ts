export * from "./workflows/attach-product-photo"
