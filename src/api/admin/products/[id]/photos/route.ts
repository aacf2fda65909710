import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { attachProductPhotoWorkflow } from "../../../../../workflows/product-photos"
import type { AdminAttachProductPhotoBodyType } from "./validators"

/** POST /admin/products/:id/photos: attaches a photo already uploaded to storage. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminAttachProductPhotoBodyType>, res: MedusaResponse) => {
  const { result: photo } = await attachProductPhotoWorkflow(req.scope).run({
    input: { product_id: req.params.id, file_key: req.validatedBody.file_key },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: ["id", "thumbnail", "images.id", "images.url"],
    filters: { id: req.params.id },
  })
  res.json({ photo, product: data[0] })
}
