export * from "../../lib/checkout-hold/errors"
export * from "./workflows/complete-cart-with-holds"
export * from "./workflows/release-checkout-hold"
export * from "./workflows/reserve-checkout-hold"
