import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const alignOpenCartLineTypesStepId = "align-open-cart-line-types"

type LineType = { id: string; product_type_id?: string; product_type?: string }

/**
 * Medusa copies a product's type onto each cart line when the line is added,
 * and the tax rates (GST by kind) follow the line's copy, which no refresh
 * updates. After the products' types changed (the owner moved a product to the
 * other department), the lines of open carts take the new type. Returns the
 * carts whose lines changed; the compensation puts the old types back.
 */
export const alignOpenCartLineTypesStep = createStep(
  alignOpenCartLineTypesStepId,
  async ({ product_ids }: { product_ids: string[] }, { container }) => {
    if (!product_ids.length) {
      return new StepResponse({ cart_ids: [] as string[] }, [] as LineType[])
    }
    const products = await container
      .resolve(Modules.PRODUCT)
      .listProducts({ id: product_ids }, { select: ["id", "type_id"], relations: ["type"], take: null })
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const carts = container.resolve(Modules.CART)
    const previous: LineType[] = []
    const cartIds = new Set<string>()
    for (const product of products) {
      // A product without a type (none of the kinds') leaves its lines as they are.
      const typeId = product.type_id
      if (!typeId) {
        continue
      }
      // Open carts with a line of it whose type is not the product's (or none):
      // none, but after a change of type (every product update comes here). The
      // filter on lines picks the carts; their other lines come too and are left alone.
      const { data: openCarts } = await query.graph({
        entity: "cart",
        fields: ["id", "items.id", "items.product_id", "items.product_type_id", "items.product_type"],
        filters: {
          completed_at: null,
          items: { product_id: product.id, $or: [{ product_type_id: { $ne: typeId } }, { product_type_id: null }] },
        },
      })
      const stale = openCarts.flatMap((cart) =>
        (cart.items ?? []).flatMap((l) =>
          l && l.product_id === product.id && l.product_type_id !== typeId ? [{ ...l, cart_id: cart.id }] : []
        )
      )
      if (!stale.length) {
        continue
      }
      await carts.updateLineItems(
        stale.map((l) => ({ id: l.id, product_type_id: typeId, product_type: product.type?.value }))
      )
      for (const line of stale) {
        previous.push({ id: line.id, product_type_id: line.product_type_id ?? undefined, product_type: line.product_type ?? undefined })
        cartIds.add(line.cart_id)
      }
    }
    return new StepResponse({ cart_ids: [...cartIds] }, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const carts = container.resolve(Modules.CART)
    await carts.updateLineItems(previous)
  }
)
