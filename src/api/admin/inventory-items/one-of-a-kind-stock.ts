import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkOneOfAKindStockLevels, type ProposedStock } from "../../../lib/catalog/one-of-a-kind-stock"

type LevelBody = { inventory_item_id?: string; location_id?: string; stocked_quantity?: number }
type Body = LevelBody & { create?: LevelBody[]; update?: LevelBody[]; delete?: unknown }

/** Collects every stocked_quantity a request proposes, single or batch, with its location. */
function proposedLevels(req: MedusaRequest): ProposedStock[] {
  const body = (req.body ?? {}) as Body
  const itemId = req.params.id
  // POST .../location-levels/:location_id names the level in the path.
  const pathLocation = req.params.location_id
  return [body, ...(body.create ?? []), ...(body.update ?? [])].flatMap((level) => {
    const inventoryItemId = level.inventory_item_id ?? itemId
    return inventoryItemId && typeof level.stocked_quantity === "number"
      ? [
          {
            inventory_item_id: inventoryItemId,
            location_id: level.location_id ?? pathLocation ?? null,
            stocked_quantity: level.stocked_quantity,
          },
        ]
      : []
  })
}

export async function guardOneOfAKindStock(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const deleted = (req.body as Body | undefined)?.delete
    await checkOneOfAKindStockLevels(
      req.scope,
      proposedLevels(req),
      Array.isArray(deleted) ? deleted.filter((id): id is string => typeof id === "string") : []
    )
    next()
  } catch (e) {
    next(e)
  }
}
