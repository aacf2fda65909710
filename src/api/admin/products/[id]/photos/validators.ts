import { z } from "@medusajs/framework/zod"

/**
 * POST /admin/products/:id/photos: the storage key of a file uploaded through
 * `POST /admin/uploads/presigned-urls` (its `filename`) or `POST /admin/uploads` (its `id`).
 */
export const AdminAttachProductPhotoBody = z
  .object({
    file_key: z
      .string({ error: "file_key must be the uploaded file's key (filename from the presigned upload)" })
      .min(1, "file_key must not be empty")
      .max(512, "file_key must be at most 512 characters")
      .refine(
        (key) => !key.startsWith("/") && !key.includes("\\") && !key.split("/").includes("..") && ![...key].some((c) => c.charCodeAt(0) < 0x20),
        "file_key must be a storage key such as 01JD...XYZ.jpg, not a path"
      ),
  })
  .strict()

export type AdminAttachProductPhotoBodyType = z.infer<typeof AdminAttachProductPhotoBody>
