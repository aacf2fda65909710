import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { heldUnits } from "../lib/held-units"
import { useHolds } from "../lib/holds-api"

const LIMIT = 200

/** Units of this product set aside at checkout right now. */
const ProductHeldUnitsWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const { data: list, isError, error } = useHolds({ status: "active", product_id: data.id, limit: LIMIT, offset: 0 })
  const held = list ? heldUnits(list.holds) : null

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Held at checkout</Heading>
      </div>
      <div className="px-6 py-4">
        {isError ? (
          <Text className="text-ui-fg-error">{error instanceof Error ? error.message : "Could not load holds"}</Text>
        ) : !held ? (
          <Text className="text-ui-fg-subtle">Loading…</Text>
        ) : (
          <>
            <Text>
              Held at checkout right now: {held.total} unit{held.total === 1 ? "" : "s"}
              {list && list.count > list.holds.length ? ` (in the first ${list.holds.length} of ${list.count} holds)` : ""}
            </Text>
            {held.byVariant.map(({ label, units }) => (
              <Text key={label} size="small" className="text-ui-fg-subtle">
                {label}: {units}
              </Text>
            ))}
          </>
        )}
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
