import { MedusaError, Modules } from "@medusajs/framework/utils"
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
 * rule is deleted from storage and the request refused.
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
    if (!verdict.ok) {
      await files.deleteFiles(input.file_key)
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `file_key: ${verdict.message}; the file was deleted`)
    }
    const photo: StoredPhoto = {
      file_key: input.file_key,
      url: publicFileUrl(readShopEnv(), input.file_key),
      mime_type: verdict.mime_type,
      size: content.byteLength,
    }
    return new StepResponse(photo)
  }
)
