import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useHolds } from "../lib/holds-api"

/** Units of this product set aside at checkout right now. */
const ProductHeldUnitsWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const { data: list } = useHolds({ status: "active", product_id: data.id, limit: 200, offset: 0 })
  const holds = list?.holds ?? []
  const total = holds.reduce((n, h) => n + h.quantity, 0)
  const byVariant = new Map<string, number>()
  holds.forEach((h) => byVariant.set(h.variant_title ?? h.variant_id, (byVariant.get(h.variant_title ?? h.variant_id) ?? 0) + h.quantity))

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Held at checkout</Heading>
      </div>
      <div className="px-6 py-4">
        <Text>
          Held at checkout right now: {total} unit{total === 1 ? "" : "s"}
        </Text>
        {[...byVariant].map(([variant, quantity]) => (
          <Text key={variant} size="small" className="text-ui-fg-subtle">
            {variant}: {quantity}
          </Text>
        ))}
        <Link to="/checkout-holds" className="text-ui-fg-interactive text-small">
          See all checkout holds
        </Link>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.side.after",
})

export default ProductHeldUnitsWidget
