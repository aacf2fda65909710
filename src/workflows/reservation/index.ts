export * from "./workflows/move-reservation"
