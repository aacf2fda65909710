import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { afterFailedWrite } from "../../../lib/http/after-write"
import { z } from "@medusajs/framework/zod"
import {
  applyCategoryDeletionRules,
  applyCategoryLinkRules,
  assertCategoryMoveRules,
  revertProductProfiles,
  type ProfileChange,
} from "../../../lib/catalog/product-profiles"

/**
 * The part of Medusa's `{ add, remove }` body for its product link routes that
 * the shop's middlewares need; Medusa's own validation answers the rest.
 */
export const LinkBody = z.object({ add: z.array(z.string()).optional(), remove: z.array(z.string()).optional() })

/**
 * POST /admin/product-categories/:id/products (Admin's "Add products" on a
 * category): Medusa's workflow for it has no hook, so the catalogue rules of a
 * product update are applied here first, for the categories the products will
 * have (a snack with a profile cannot move into Art, an art product into
 * Snacks, nothing into both departments; a published snack entering Snacks
 * needs its label facts): a 400 naming the product, and nothing written.
 * Otherwise each product's type follows its new department (the GST with it),
 * and is put back if Medusa's route then fails.
 */
export async function keepKindsOnCategoryLinks(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = LinkBody.safeParse(req.body)
    if (!body.success || !(body.data.add?.length || body.data.remove?.length)) {
      return next()
    }
    const changes = await applyCategoryLinkRules(req.scope, {
      category_id: req.params.id,
      add: body.data.add ?? [],
      remove: body.data.remove ?? [],
    })
    revertIfRouteFails(req, res, changes)
    next()
  } catch (e) {
    next(e)
  }
}

/** Puts the products' types back should Medusa's route then answer an error. */
function revertIfRouteFails(req: MedusaRequest, res: MedusaResponse, changes: ProfileChange[]) {
  if (!changes.length) {
    return
  }
  afterFailedWrite(req, res, "Putting the products' types back", () => revertProductProfiles(req.scope, changes))
}

/**
 * DELETE /admin/product-categories/:id: Medusa deletes the category (one
 * without sub-categories) and its product links, and its workflow's hook runs
 * once they are gone. The catalogue rules are checked first for the categories each product keeps
 * (applyCategoryDeletionRules): a snack with a profile would be left outside
 * Snacks, un-editable, so that is a 400 naming it and nothing is deleted.
 * (The search index follows Medusa's own event for the deleted category.)
 */
export async function keepKindsOnCategoryDelete(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    revertIfRouteFails(req, res, await applyCategoryDeletionRules(req.scope, req.params.id))
    next()
  } catch (e) {
    next(e)
  }
}

/** The part of Medusa's category update body that can move it to another department. */
const MoveBody = z.object({ parent_category_id: z.string().nullable().optional(), handle: z.string().optional() })

/**
 * POST /admin/product-categories/:id: a category moved (a new parent, a new
 * handle) takes its products to another department only if they fit its rules
 * (assertCategoryMoveRules): else a 400 naming the product, and nothing is
 * written. Their types then follow in Medusa's workflow (its categoriesUpdated hook).
 */
export async function keepKindsOnCategoryMove(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = MoveBody.safeParse(req.body)
    if (body.success) {
      await assertCategoryMoveRules(req.scope, req.params.id, body.data)
    }
    next()
  } catch (e) {
    next(e)
  }
}
