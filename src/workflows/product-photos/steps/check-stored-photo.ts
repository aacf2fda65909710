import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { publicFileUrl } from "../../../config/modules"
import { readShopEnv } from "../../../config/shop-env"
import { MAX_UPLOAD_BYTES, checkStoredPhoto, readAtMost, type PhotoMimeType } from "../../../lib/uploads/upload-rules"

export const checkStoredPhotoStepId = "check-stored-photo"

export type CheckStoredPhotoInput = { file_key: string }
export type StoredPhoto = { file_key: string; url: string; mime_type: PhotoMimeType; size: number }

/**
 * Reads the uploaded file back from storage and holds it to the photo rules
 * (JPEG, PNG or WebP by its bytes, at most 5 MB): a presigned URL was issued
 * for what the browser announced, not for what it sent. A file that breaks a
 * rule is deleted from storage (unless a product shows it) and the request refused.
 */
export const checkStoredPhotoStep = createStep(
  checkStoredPhotoStepId,
  async (input: CheckStoredPhotoInput, { container }) => {
    const files = container.resolve(Modules.FILE)
    let stored: { bytes: Buffer; truncated: boolean }
    try {
      // Never more than the limit in memory, whatever was put in the bucket.
      stored = await readAtMost(await files.getDownloadStream(input.file_key), MAX_UPLOAD_BYTES)
    } catch {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `file_key: no uploaded file "${input.file_key}" was found in storage; upload it first`
      )
    }
    const content = stored.bytes
    const verdict = checkStoredPhoto(content, stored.truncated)
    const url = publicFileUrl(readShopEnv(), input.file_key)
    if (!verdict.ok) {
      // Any stored key may be named: one a product shows (an imported or seeded
      // image, another product's file) is refused but never deleted.
      const user = await productShowing(container, url)
      if (user) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `file_key: ${verdict.message}; the file was kept: ${user} shows it`)
      }
      await files.deleteFiles(input.file_key)
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `file_key: ${verdict.message}; the file was deleted`)
    }
    const photo: StoredPhoto = {
      file_key: input.file_key,
      url,
      mime_type: verdict.mime_type,
      size: content.byteLength,
    }
    return new StepResponse(photo)
  }
)

/** The title of a product whose thumbnail or images are `url`, if any. */
async function productShowing(container: MedusaContainer, url: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  for (const filters of [{ thumbnail: url }, { images: { url } }]) {
    const { data } = await query.graph({ entity: "product", fields: ["title"], filters, pagination: { take: 1 }, withDeleted: true })
    if (data.length) {
      return data[0].title
    }
  }
  return null
}
