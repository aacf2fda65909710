import type { AdminProductResponse } from "@medusajs/framework/types"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { AdminProduct } from "@medusajs/framework/types"
import { KIND_PRODUCT_TYPES, type CategoryTree } from "../../lib/catalog/category-kind"
import { hasCategoryOfKind, widgetMode, type ProductWithProfiles, type ProfileKind } from "./product-profiles"
import type { ArtValues, SnackValues } from "./profile-form"
import { sdk } from "./sdk"

const PROFILE_FIELDS = ["+snack_profile.*", "+art_profile.*"].join(",")

export const productProfilesQueryKey = (productId: string) =>
  ["product-profiles", productId] as const

/** The product with its profiles; both widgets share this one request. */
export function useProductProfiles(productId: string) {
  return useQuery({
    queryKey: productProfilesQueryKey(productId),
    queryFn: () =>
      sdk.client.fetch<{ product: ProductWithProfiles }>(`/admin/products/${productId}`, {
        query: { fields: PROFILE_FIELDS },
      }),
    select: (response) => response.product,
  })
}

/**
 * Every category's handle and parent, for the department a product's categories
 * are in. Read again on each product page (a category made a minute ago counts);
 * the product's own categories come from the page's data, which Medusa refreshes
 * when they change.
 */
export function useCategoryTree() {
  return useQuery({
    queryKey: ["product-category-tree"],
    queryFn: () =>
      sdk.client.fetch<{ product_categories: { id: string; handle: string; parent_category_id: string | null }[] }>(
        "/admin/product-categories",
        { query: { fields: "id,handle,parent_category_id", limit: 1000 } }
      ),
    select: (response): CategoryTree =>
      new Map(response.product_categories.map((c) => [c.id, { handle: c.handle, parent: c.parent_category_id ?? null }])),
    staleTime: 0,
  })
}

/** What a profile widget shows (widgetMode), or the error of a failed read. */
export type ProfileSectionState =
  | { mode: "hidden" }
  | { mode: "error"; message: string }
  | { mode: "show" | "add"; product: ProductWithProfiles }

/**
 * The profile widget of `kind` on a product page (`data`, the page's product):
 * nothing while loading; the error, for a product of the department (from the
 * tree, else from its profile or its type, which follows the department), when
 * a read failed; else widgetMode's answer.
 */
export function useProfileSection(data: AdminProduct, kind: ProfileKind): ProfileSectionState {
  const profiles = useProductProfiles(data.id)
  const tree = useCategoryTree()
  if (profiles.isPending || tree.isPending) {
    return { mode: "hidden" }
  }
  if (profiles.isError || tree.isError) {
    const own = kind === "snack" ? profiles.data?.snack_profile : profiles.data?.art_profile
    const ours = tree.data
      ? hasCategoryOfKind(data.categories, kind, tree.data)
      : Boolean(own) || data.type?.value === KIND_PRODUCT_TYPES[kind]
    return ours ? { mode: "error", message: errorMessage(profiles.error ?? tree.error) } : { mode: "hidden" }
  }
  const mode = widgetMode(profiles.data, data.categories, kind, tree.data)
  return mode === "hidden" ? { mode } : { mode, product: profiles.data }
}

/** The values each profile form produces, by additional_data key. */
export type ProfileValues = {
  snack_profile: SnackValues
  art_profile: ArtValues
}
export type ProfileKey = keyof ProfileValues
type ProfilePatches = { [K in ProfileKey]: Partial<ProfileValues[K]> }

/**
 * Saves a profile patch (changed fields only) through Medusa's product update
 * route as additional_data, then refetches the profiles.
 */
export function useUpdateProductProfile<K extends ProfileKey>(productId: string, key: K) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (patch: ProfilePatches[K]) =>
      sdk.client.fetch<AdminProductResponse>(`/admin/products/${productId}`, {
        method: "POST",
        body: { additional_data: { [key]: patch } },
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: productProfilesQueryKey(productId) }),
  })
}

/** The API's error message as is (e.g. "snack_profile.net_weight_g: Too small: ..."). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) {
    return error.message
  }
  return "The profile could not be saved."
}
