export * from "./workflows/renew-cod-payment"
