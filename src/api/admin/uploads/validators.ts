import { z } from "@medusajs/framework/zod"
import {
  importNameBreach,
  isPhotoMimeType,
  mimeEssence,
  photoNameBreach,
  sizeRuleBreach,
  typeRuleBreach,
} from "../../../lib/uploads/upload-rules"

/**
 * Body of Medusa's `POST /admin/uploads/presigned-urls`, with the shop's rules:
 * checked in src/api/middlewares.ts before Medusa's route issues any URL.
 * Same fields as Medusa's own validator, so Medusa Admin and the js-sdk work unchanged.
 */
export const AdminPresignedUploadBody = z
  .object({
    originalname: z
      .string({ error: "originalname must be the file's name" })
      .refine((name) => name.trim().length > 0, "originalname must be the file's name")
      .refine((name) => name.length <= 255, "originalname must be at most 255 characters"),
    mime_type: z.string({ error: "mime_type must be the file's type, e.g. image/jpeg" }).max(255),
    size: z
      .number({ error: "size must be the file's size in bytes" })
      .refine(Number.isInteger, "size must be a whole number of bytes")
      .refine((n) => n >= 1, "size must be at least 1 byte (the file is empty)"),
    access: z.enum(["public", "private"], { error: "access must be public or private" }).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const typeBreach = typeRuleBreach(body.mime_type, body.access ?? "private")
    if (typeBreach) {
      ctx.addIssue({ code: "custom", path: ["mime_type"], message: `mime_type: ${typeBreach}` })
    } else {
      // The name's ending is the stored file's (the local provider serves by it).
      const nameBreach = isPhotoMimeType(mimeEssence(body.mime_type)) ? photoNameBreach(body.originalname) : importNameBreach(body.originalname)
      if (nameBreach) {
        ctx.addIssue({ code: "custom", path: ["originalname"], message: `originalname: ${nameBreach}` })
      }
    }
    const sizeBreach = sizeRuleBreach(body.size)
    if (sizeBreach) {
      ctx.addIssue({ code: "custom", path: ["size"], message: `size: ${sizeBreach}` })
    }
  })

export type AdminPresignedUploadBodyType = z.infer<typeof AdminPresignedUploadBody>
