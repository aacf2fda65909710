import type { AdminProductResponse } from "@medusajs/framework/types"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { ProductWithProfiles } from "./product-profiles"
import type { ArtValues, SnackValues } from "./profile-form"
import { sdk } from "./sdk"

const PROFILE_FIELDS = [
  "+snack_profile.*",
  "+art_profile.*",
  "+categories.*",
  "+categories.parent_category.*",
].join(",")

export const productProfilesQueryKey = (productId: string) =>
  ["product-profiles", productId] as const

/** The product with its profiles and categories; both widgets share this one request. */
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
