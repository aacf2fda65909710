import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import {
  IMPORT_RULE,
  TYPE_RULE,
  importNameBreach,
  isImportMimeType,
  isPhotoMimeType,
  mimeEssence,
  photoNameBreach,
  sizeRuleBreach,
  sniffPhotoType,
} from "../../../lib/uploads/upload-rules"

/** What multer (Medusa's `upload.array("files")`) leaves on the request. */
type UploadedFile = { originalname: string; mimetype: string; size: number; buffer: Buffer }

function filesOf(req: MedusaRequest): UploadedFile[] {
  const files: unknown = (req as MedusaRequest & { files?: unknown }).files
  return Array.isArray(files) ? (files as UploadedFile[]) : []
}

/** The rule a multipart file breaks, or null. */
export function multipartFileBreach(file: UploadedFile): string | null {
  const tooBig = sizeRuleBreach(file.size)
  if (tooBig) {
    return tooBig
  }
  const declared = mimeEssence(file.mimetype)
  // Medusa Admin's product import falls back to this route with the local file provider.
  if (isImportMimeType(declared)) {
    return csvBreach(file)
  }
  const actual = sniffPhotoType(file.buffer.subarray(0, 16))
  if (!isPhotoMimeType(declared) || !actual) {
    return `${TYPE_RULE}; got "${file.mimetype}"${isPhotoMimeType(declared) && !actual ? " whose content is not one" : ""}`
  }
  return photoNameBreach(file.originalname)
}

/**
 * A product import is a .csv of text. Medusa stores every multipart upload
 * public, and the local provider serves it with the type its name's extension
 * says: "page.html" sent as text/csv would be served as a page of the admin's
 * own site. So the name must end in .csv, and the content must be text that is
 * not markup.
 */
function csvBreach(file: UploadedFile): string | null {
  const head = file.buffer.subarray(0, 1024)
  const text = head.toString("utf8").replace(/^\uFEFF/, "").trimStart()
  if (importNameBreach(file.originalname) || head.includes(0) || text.startsWith("<")) {
    return `${IMPORT_RULE}; got "${file.originalname}"`
  }
  return null
}

/**
 * Medusa's multipart `POST /admin/uploads` (used by Medusa Admin's own media
 * editor and by the local file provider) gets the same rules as presigned
 * uploads. Runs after Medusa's multer has read the files, before its route
 * stores any of them.
 */
export function multipartUploadRules(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const refused = filesOf(req).flatMap((file) => {
    const breach = multipartFileBreach(file)
    return breach ? [`files: ${file.originalname}: ${breach}`] : []
  })
  if (refused.length) {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, refused.join("; ")))
  }
  next()
}
