import type { AdminProductResponse } from "@medusajs/framework/types"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { CategoryTree } from "../../lib/catalog/category-kind"
import type { ProductWithProfiles } from "./product-profiles"
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
