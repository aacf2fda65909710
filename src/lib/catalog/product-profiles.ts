import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { clearProfileReads } from "./cart-quantity-rules"
import { checkOriginalsSoldFromStock, stockedAtLiveLocations } from "./one-of-a-kind-stock"
import {
  KIND_PRODUCT_TYPES,
  categorySubtreeIds,
  loadCategoryTree,
  productKinds,
  productsChangingKind,
  type CategoryLinkChange,
  type ProductKindInfo,
} from "./product-kind"
import { ART_PROFILE_MODULE } from "../../modules/art-profile"
import type ArtProfileModuleService from "../../modules/art-profile/service"
import { ONE_OF_A_KIND_LIMIT, type ArtProfileData } from "../../modules/art-profile/validation"
import { SNACK_PROFILE_MODULE } from "../../modules/snack-profile"
import type SnackProfileModuleService from "../../modules/snack-profile/service"
import { snackPublishProblems, type SnackProfileData } from "../../modules/snack-profile/validation"

/** What Medusa's product routes accept under `additional_data` for profiles. */
export type ProfileAdditionalData = {
  snack_profile?: unknown
  art_profile?: unknown
}

/** Enough to undo what applyProductProfiles wrote. */
export type ProfileChange =
  | { module: "type"; product_id: string; previous_type_id: string | null }
  | { module: "snack"; product_id: string; profile_id: string; previous: SnackProfileData | null }
  | { module: "art"; product_id: string; profile_id: string; previous: ArtProfileData | null }

function invalid(message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

/**
 * Applies `additional_data.snack_profile` / `art_profile` to created or updated
 * products and enforces the catalogue rules on the result:
 * - a profile must match the product's kind (its category), never both kinds;
 * - a published snack needs ingredients, declared allergens, net weight, shelf life;
 * - a one-of-a-kind artwork has at most 1 unit in stock per variant.
 * Everything is checked before anything is written, so a refusal changes nothing.
 */
export async function applyProductProfiles(
  container: MedusaContainer,
  productIds: string[],
  additional: ProfileAdditionalData | undefined
): Promise<ProfileChange[]> {
  const snacks: SnackProfileModuleService = container.resolve(SNACK_PROFILE_MODULE)
  const arts: ArtProfileModuleService = container.resolve(ART_PROFILE_MODULE)
  const kinds = await productKinds(container, productIds)
  const snackPatch = additional?.snack_profile
  const artPatch = additional?.art_profile

  if (snackPatch !== undefined && artPatch !== undefined) {
    invalid("A product carries a snack profile or an art profile, never both")
  }

  type Plan = {
    info: ProductKindInfo
    snack: { current: Awaited<ReturnType<SnackProfileModuleService["retrieveForProduct"]>>; next: SnackProfileData | null }
    art: { current: Awaited<ReturnType<ArtProfileModuleService["retrieveForProduct"]>>; next: ArtProfileData | null }
  }
  const plans: Plan[] = []

  for (const id of productIds) {
    const info = kinds.get(id)
    if (!info) {
      continue
    }
    const snackCurrent = await snacks.retrieveForProduct(id)
    const artCurrent = await arts.retrieveForProduct(id)
    const snackNext = snackPatch !== undefined ? snacks.validatePatch(snackCurrent, snackPatch) : snackCurrent
    const artNext = artPatch !== undefined ? arts.validatePatch(artCurrent, artPatch) : artCurrent
    assertProfilesFitKind(info, snackNext, artNext)
    plans.push({ info, snack: { current: snackCurrent, next: snackNext }, art: { current: artCurrent, next: artNext } })
  }

  const originals = plans.filter((p) => p.art.next?.one_of_a_kind).map((p) => p.info)
  await checkOneOfAKindStock(container, originals)
  const originalIds = originals.map((p) => p.id)
  await checkOriginalsSoldFromStock(container, { product_ids: originalIds }, originalIds)

  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const changes: ProfileChange[] = []
  for (const plan of plans) {
    const id = plan.info.id
    if (snackPatch !== undefined && plan.snack.next) {
      const { profile, previous } = await snacks.saveProfile(id, plan.snack.current, plan.snack.next)
      changes.push({ module: "snack", product_id: id, profile_id: profile.id, previous })
      if (!previous) {
        await link.create({
          [Modules.PRODUCT]: { product_id: id },
          [SNACK_PROFILE_MODULE]: { snack_profile_id: profile.id },
        })
      }
    }
    if (artPatch !== undefined && plan.art.next) {
      const { profile, previous } = await arts.saveProfile(id, plan.art.current, plan.art.next)
      changes.push({ module: "art", product_id: id, profile_id: profile.id, previous })
      if (!previous) {
        await link.create({
          [Modules.PRODUCT]: { product_id: id },
          [ART_PROFILE_MODULE]: { art_profile_id: profile.id },
        })
      }
    }
  }
  changes.push(...(await syncKindTypes(container, plans.map((p) => p.info))))
  return changes
}

/** The catalogue rules between a product's department (kind) and its profiles. */
function assertProfilesFitKind(info: ProductKindInfo, snack: SnackProfileData | null, art: ArtProfileData | null) {
  if (info.kind === "both") {
    invalid(`${info.title} cannot be in both Snacks and Art: choose one department`)
  }
  if (snack && info.kind !== "snack") {
    invalid(`${info.title} has a snack profile but is not in the Snacks category: only snacks carry one`)
  }
  if (art && info.kind !== "art") {
    invalid(`${info.title} has an art profile but is not in the Art category: only art carries one`)
  }
  if (info.kind === "snack" && info.status === "published") {
    const problems = snackPublishProblems(snack)
    if (problems.length) {
      invalid(
        `${info.title} cannot be published: ${problems.join("; ")} (a snack needs ingredients, declared allergens, net weight and shelf life)`
      )
    }
  }
}

/**
 * Products added to or removed from a category through Medusa's category route
 * (Admin's "Add products"), whose workflow has no hook: the same rules as a
 * product update, checked for the categories the products will have, then
 * their types set to their new kinds (the GST follows). Returns what to undo
 * should the route then fail.
 */
export async function applyCategoryLinkRules(container: MedusaContainer, change: CategoryLinkChange): Promise<ProfileChange[]> {
  return await applyKindRules(container, await productKinds(container, [...new Set([...change.add, ...change.remove])], change))
}

/**
 * A category about to be deleted through Medusa's route (it refuses one with
 * sub-categories): its products keep the categories they have elsewhere, and
 * the same rules are checked for those (a snack with a profile left in no
 * Snacks category is a 400 naming it, and nothing is deleted); their types
 * follow the department they keep. Returns what to undo should the route
 * then fail.
 */
export async function applyCategoryDeletionRules(container: MedusaContainer, categoryId: string): Promise<ProfileChange[]> {
  const inIt = await container.resolve(Modules.PRODUCT).listProducts({ categories: { id: [categoryId] } }, { select: ["id"], take: null })
  return await applyKindRules(container, await productKinds(container, inIt.map((p) => p.id), undefined, [categoryId]))
}

/** What of a category's update can move it to another department. */
export type CategoryMove = { parent_category_id?: string | null; handle?: string }

/**
 * A category about to be updated through Medusa's route, when the update can
 * move it (a new parent, a new handle): the products below it whose department
 * changes are checked against the rules of their new one, on the tree as it
 * will be, before anything is written (a 400 naming the product). The hook
 * after the update (categoriesUpdatedHook) finds moved products by their type,
 * which misses one that kept a department's type while outside both and now
 * returns to it (a published snack without its label facts).
 */
export async function assertCategoryMoveRules(container: MedusaContainer, categoryId: string, move: CategoryMove) {
  if (move.parent_category_id === undefined && move.handle === undefined) {
    return
  }
  const tree = await loadCategoryTree(container)
  const category = tree.get(categoryId)
  if (!category) {
    return // Medusa's route answers the unknown category.
  }
  const below = categorySubtreeIds(tree, [categoryId])
  const parent = move.parent_category_id
  // Medusa answers an unknown parent with a 500 and writes a loop without a word.
  if (parent && !tree.has(parent)) {
    invalid(`parent_category_id: there is no category ${parent}`)
  }
  if (parent && below.includes(parent)) {
    invalid("parent_category_id: a category cannot move under itself or one of its sub-categories")
  }
  const after = new Map(tree)
  after.set(categoryId, {
    handle: move.handle ?? category.handle,
    parent: move.parent_category_id === undefined ? category.parent : move.parent_category_id,
  })
  const inThem = await container.resolve(Modules.PRODUCT).listProducts({ categories: { id: below } }, { select: ["id"], take: null })
  await assertKindRules(container, await productsChangingKind(container, inThem.map((p) => p.id), tree, after))
}

/**
 * The same rules for the products in categories just updated, when the update
 * moved them to another department (a category moved under the other
 * department, or a department's handle changed): checked on the tree as it is
 * now, inside Medusa's category workflow (its `categoriesUpdated` hook), whose
 * throw undoes the update. A product whose department did not change (a
 * rename, a new rank, a move within the department) is not looked at.
 */
export async function categoriesUpdatedHook(
  { categories }: { categories: { id: string }[] },
  { container }: { container: MedusaContainer }
) {
  const below = categorySubtreeIds(await loadCategoryTree(container), categories.map((c) => c.id))
  const inThem = below.length
    ? await container.resolve(Modules.PRODUCT).listProducts({ categories: { id: below } }, { select: ["id"], take: null })
    : []
  const kinds = await productKinds(container, inThem.map((p) => p.id))
  const typeOf = await kindTypeIds(container)
  // Its type is its department's (none outside both): a product whose type is not is one the update moved.
  const moved = [...kinds.values()].filter((info) => info.kind === "both" || (typeOf(info.kind) ?? null) !== (info.type_id ?? null))
  const changes = await applyKindRules(container, new Map(moved.map((info) => [info.id, info])))
  return new StepResponse(changes, changes)
}

async function applyKindRules(container: MedusaContainer, kinds: Map<string, ProductKindInfo>): Promise<ProfileChange[]> {
  await assertKindRules(container, [...kinds.values()])
  return await syncKindTypes(container, [...kinds.values()])
}

/** The profile rules for each product in the kind given (a 400 naming the first that breaks one). */
async function assertKindRules(container: MedusaContainer, infos: ProductKindInfo[]) {
  const snacks: SnackProfileModuleService = container.resolve(SNACK_PROFILE_MODULE)
  const arts: ArtProfileModuleService = container.resolve(ART_PROFILE_MODULE)
  for (const info of infos) {
    assertProfilesFitKind(info, await snacks.retrieveForProduct(info.id), await arts.retrieveForProduct(info.id))
  }
}

/**
 * Keeps each product's type equal to its kind ("Snack" / "Art"), which the GST
 * tax rates are attached to. Products in neither department keep their type.
 */
async function syncKindTypes(container: MedusaContainer, infos: ProductKindInfo[]): Promise<ProfileChange[]> {
  const products = container.resolve(Modules.PRODUCT)
  const typeOf = await kindTypeIds(container)
  const changes: ProfileChange[] = []
  for (const info of infos) {
    const typeId = typeOf(info.kind)
    if (typeId && info.type_id !== typeId) {
      await products.updateProducts(info.id, { type_id: typeId })
      changes.push({ module: "type", product_id: info.id, previous_type_id: info.type_id })
    }
  }
  return changes
}

/** The type id of each kind ("Snack" / "Art"); undefined for no kind, both, or a missing type. */
async function kindTypeIds(container: MedusaContainer) {
  const kindTypes: string[] = Object.values(KIND_PRODUCT_TYPES)
  const types = (await container.resolve(Modules.PRODUCT).listProductTypes({}, { take: null })).filter((t) =>
    kindTypes.includes(t.value)
  )
  return (kind: ProductKindInfo["kind"]) =>
    kind === "snack" || kind === "art" ? types.find((t) => t.value === KIND_PRODUCT_TYPES[kind])?.id : undefined
}

/** Undoes applyProductProfiles: restores patched profiles, removes created ones. */
export async function revertProductProfiles(container: MedusaContainer, changes: ProfileChange[]) {
  const snacks: SnackProfileModuleService = container.resolve(SNACK_PROFILE_MODULE)
  const arts: ArtProfileModuleService = container.resolve(ART_PROFILE_MODULE)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  for (const change of [...changes].reverse()) {
    if (change.module === "type") {
      await container.resolve(Modules.PRODUCT).updateProducts(change.product_id, { type_id: change.previous_type_id })
    } else if (change.module === "snack") {
      if (change.previous) {
        await snacks.updateSnackProfiles({ id: change.profile_id, ...change.previous })
      } else {
        await link.dismiss({
          [Modules.PRODUCT]: { product_id: change.product_id },
          [SNACK_PROFILE_MODULE]: { snack_profile_id: change.profile_id },
        })
        await snacks.deleteSnackProfiles(change.profile_id)
      }
    } else if (change.previous) {
      const previous = change.previous
      await arts.updateArtProfiles({
        id: change.profile_id,
        ...previous,
        medium: previous.medium!,
        width_cm: previous.width_cm!,
        height_cm: previous.height_cm!,
      })
    } else {
      await link.dismiss({
        [Modules.PRODUCT]: { product_id: change.product_id },
        [ART_PROFILE_MODULE]: { art_profile_id: change.profile_id },
      })
      await arts.deleteArtProfiles(change.profile_id)
    }
  }
}

/** An original exists once: no variant of it may have more than 1 unit stocked anywhere. */
async function checkOneOfAKindStock(container: MedusaContainer, products: ProductKindInfo[]) {
  if (!products.length) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "product_id", "inventory_items.inventory_item_id"],
    filters: { product_id: products.map((p) => p.id) },
  })
  const itemIdsOf = (variant: (typeof variants)[number]) =>
    (variant.inventory_items ?? []).flatMap((i) => (i ? [i.inventory_item_id] : []))
  // Stock at locations that still exist: a deleted location's levels stay behind.
  const units = await stockedAtLiveLocations(container, [...new Set(variants.flatMap(itemIdsOf))])
  for (const variant of variants) {
    const stocked = itemIdsOf(variant).reduce((sum, id) => sum + (units.get(id) ?? 0), 0)
    if (stocked > ONE_OF_A_KIND_LIMIT) {
      const title = products.find((p) => p.id === variant.product_id)?.title ?? variant.title
      invalid(
        `${title} is one of a kind: it can have at most ${ONE_OF_A_KIND_LIMIT} unit in stock, but ${variant.title} has ${stocked}`
      )
    }
  }
}

/** The productsCreated / productsUpdated hook handler: apply, and hand back what to undo. */
export async function productProfilesHook(
  { products, additional_data }: { products: { id: string }[]; additional_data?: Record<string, unknown> },
  { container }: { container: MedusaContainer }
) {
  const changes = await applyProductProfiles(
    container,
    products.map((p) => p.id),
    additional_data
  )
  if (changes.some((c) => c.module !== "type")) {
    await clearProfileReads(container)
  }
  return new StepResponse(changes, changes)
}

/** Their compensation. */
export async function undoProductProfilesHook(changes: ProfileChange[] | undefined, { container }: { container: MedusaContainer }) {
  if (changes?.length) {
    await revertProductProfiles(container, changes)
    await clearProfileReads(container)
  }
}
