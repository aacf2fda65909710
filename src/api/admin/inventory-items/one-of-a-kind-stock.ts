import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkOneOfAKindStockLevels, type ProposedStock } from "../../../lib/catalog/one-of-a-kind-stock"

type LevelBody = { inventory_item_id?: string; stocked_quantity?: number }
type Body = LevelBody & { create?: LevelBody[]; update?: LevelBody[] }

/** Collects every stocked_quantity a request proposes, single or batch. */
function proposedLevels(req: MedusaRequest): ProposedStock[] {
  const body = (req.body ?? {}) as Body
  const itemId = req.params.id
  return [body, ...(body.create ?? []), ...(body.update ?? [])].flatMap((level) => {
    const inventoryItemId = level.inventory_item_id ?? itemId
    return inventoryItemId && typeof level.stocked_quantity === "number"
      ? [{ inventory_item_id: inventoryItemId, stocked_quantity: level.stocked_quantity }]
      : []
  })
}

export async function guardOneOfAKindStock(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    await checkOneOfAKindStockLevels(req.scope, proposedLevels(req))
    next()
  } catch (e) {
    next(e)
  }
}
