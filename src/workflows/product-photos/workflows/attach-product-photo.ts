import { updateProductsWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkStoredPhotoStep } from "../steps/check-stored-photo"

export const attachProductPhotoWorkflowId = "attach-product-photo"

export type AttachProductPhotoInput = { product_id: string; file_key: string }

/**
 * Attaches a photo the owner uploaded straight to storage (presigned URL) to a
 * product: checks what was stored, then adds it to the product's images through
 * Medusa's updateProductsWorkflow (the first photo also becomes the thumbnail).
 */
export const attachProductPhotoWorkflow = createWorkflow(
  attachProductPhotoWorkflowId,
  (input: AttachProductPhotoInput) => {
    const { data: products } = useQueryGraphStep({
      entity: "product",
      fields: ["id", "thumbnail", "images.id", "images.url"],
      filters: { id: input.product_id },
      options: { throwIfKeyNotFound: true },
    })
    const photo = checkStoredPhotoStep({ file_key: input.file_key })

    const update = transform({ products, photo }, ({ products, photo }) => {
      const product = products[0]
      const images = (product.images ?? []).flatMap((image) => (image ? [{ id: image.id, url: image.url }] : []))
      return {
        selector: { id: product.id },
        update: {
          images: [...images, { url: photo.url }],
          thumbnail: product.thumbnail || photo.url,
        },
      }
    })
    updateProductsWorkflow.runAsStep({ input: update })

    return new WorkflowResponse(photo)
  }
)
