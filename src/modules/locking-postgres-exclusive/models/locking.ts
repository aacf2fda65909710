/**
 * Medusa's `locking` model: the provider's database connection is built from
 * the models found here (the table itself comes from Medusa's provider).
 */
export { Locking } from "@medusajs/locking-postgres/dist/models"
