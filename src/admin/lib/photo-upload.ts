import { useMutation, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type AttachedPhoto = { file_key: string; url: string; mime_type: string; size: number }

/**
 * A product photo, browser to storage: Medusa issues a presigned URL (after the
 * shop's rules: JPEG, PNG or WebP, at most 5 MB), the browser PUTs the file to
 * the bucket, and the shop attaches the stored file to the product after
 * checking its bytes. With the local file provider there is no bucket: the
 * presigned "URL" is Medusa's own upload route, as in Medusa's product import.
 */
export async function uploadProductPhoto(productId: string, file: File): Promise<AttachedPhoto> {
  const presigned = await sdk.admin.upload.presignedUrl({
    originalname: file.name,
    mime_type: file.type,
    size: file.size,
    access: "public",
  })
  let fileKey: string
  if (/^https?:\/\//.test(presigned.url)) {
    const put = await fetch(presigned.url, { method: "PUT", body: file, headers: { "content-type": file.type } })
    if (!put.ok) {
      throw new Error(`The storage refused the upload of ${file.name} (HTTP ${put.status})`)
    }
    fileKey = presigned.filename
  } else {
    const { files } = await sdk.admin.upload.create({ files: [file] })
    fileKey = files[0].id
  }
  const { photo } = await sdk.client.fetch<{ photo: AttachedPhoto }>(`/admin/products/${productId}/photos`, {
    method: "POST",
    body: { file_key: fileKey },
  })
  return photo
}

/** Uploads photos one after the other; stops at the first refusal. */
export function useUploadProductPhotos(productId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (files: File[]) => {
      const attached: AttachedPhoto[] = []
      for (const file of files) {
        attached.push(await uploadProductPhoto(productId, file))
      }
      return attached
    },
    // The product page's own media section reads the product too.
    onSettled: () => queryClient.invalidateQueries(),
  })
}

/** The API's message as is ("size: a file may be at most 5 MB; this one is 6 MB ..."). */
export function uploadErrorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "The photo could not be uploaded."
}
