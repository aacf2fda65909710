import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Clock } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Select, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { timeLeft, useHoldLimits, useHolds, useReleaseHold, type HoldLimits, type OwnerHold } from "../../lib/holds-api"

const PAGE_SIZE = 50
const STATUSES = ["active", "expired", "converted", "released", "all"] as const
type StatusFilter = (typeof STATUSES)[number]

const BADGE: Record<OwnerHold["status"], "green" | "orange" | "blue" | "grey"> = {
  active: "green",
  expired: "orange",
  converted: "blue",
  released: "grey",
}

/** The caps, as configured in the environment (read-only here). */
const LimitsNote = ({ limits }: { limits: HoldLimits }) => (
  <Text size="small" className="text-ui-fg-subtle">
    Limits: a hold lasts {limits.ttl_minutes} min per refresh and {limits.lifetimeMinutes} min in all, then{" "}
    {limits.cooldownMinutes} min before the same shopper may hold the item again, in any cart; at most{" "}
    {limits.maxCartsPerCustomer} carts with holds per customer and {limits.maxCartsPerGuestIp} per guest IP
    address; with {limits.lowStockShareFromUnits} to {limits.lowStockUnits} units left, one cart (and a customer in
    all their carts) may hold {Math.round(limits.lowStockShare * 100)}% of them (rounded up), and above that all but
    what a cart at {limits.lowStockUnits} leaves the others. Set in the server's environment (HOLD_*).
  </Text>
)

/** Stock set aside for shoppers at checkout, with a release button for the owner. */
const CheckoutHoldsPage = () => {
  const [status, setStatus] = useState<StatusFilter>("active")
  const [offset, setOffset] = useState(0)
  const [now, setNow] = useState(Date.now())
  const { data, isPending, isError, error, dataUpdatedAt } = useHolds({
    status: status === "all" ? undefined : status,
    limit: PAGE_SIZE,
    offset,
  })
  const release = useReleaseHold()
  const limits = useHoldLimits()
  const prompt = usePrompt()

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])

  const onRelease = async (hold: OwnerHold) => {
    const confirmed = await prompt({
      title: "Release this hold?",
      description: `${hold.quantity} × ${hold.product_title ?? "item"} go back on sale now.`,
      confirmText: "Release",
      cancelText: "Keep",
    })
    if (!confirmed) {
      return
    }
    release.mutate(hold.id, {
      onSuccess: () => toast.success("Hold released"),
      onError: (e) => toast.error(e instanceof Error ? e.message : "The hold could not be released"),
    })
  }

  const count = data?.count ?? 0
  // A variant made of several stock items is held as one row per item: name the item.
  const madeOfSeveral = (hold: OwnerHold) =>
    hold.quantity !== hold.variant_units ||
    (data?.holds ?? []).some(
      (h) => h.cart_id === hold.cart_id && h.variant_id === hold.variant_id && h.inventory_item_id !== hold.inventory_item_id
    )
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Checkout holds</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Stock set aside for shoppers at checkout. A hold stops counting when it expires.
          </Text>
          {limits.data ? <LimitsNote limits={limits.data.limits} /> : null}
        </div>
        <Select
          value={status}
          onValueChange={(value) => {
            setStatus(value as StatusFilter)
            setOffset(0)
          }}
        >
          <Select.Trigger className="w-40">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {STATUSES.map((s) => (
              <Select.Item key={s} value={s}>
                {s === "all" ? "All" : s[0].toUpperCase() + s.slice(1)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      {isError ? (
        <Text className="px-6 py-4 text-ui-fg-error">{error instanceof Error ? error.message : "Could not load holds"}</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Product</Table.HeaderCell>
              <Table.HeaderCell>Quantity</Table.HeaderCell>
              <Table.HeaderCell>Cart</Table.HeaderCell>
              <Table.HeaderCell>Customer</Table.HeaderCell>
              <Table.HeaderCell>Time left</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(data?.holds ?? []).map((hold) => (
              <Table.Row key={hold.id}>
                <Table.Cell>
                  {hold.product_title ?? hold.variant_id}
                  {hold.variant_title ? ` · ${hold.variant_title}` : ""}
                  {madeOfSeveral(hold) ? (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      stock item {hold.inventory_sku ?? hold.inventory_item_id}
                    </Text>
                  ) : null}
                </Table.Cell>
                <Table.Cell>
                  {hold.variant_units}
                  {hold.quantity !== hold.variant_units ? ` (${hold.quantity} of the stock item)` : ""}
                </Table.Cell>
                <Table.Cell className="font-mono text-xs" title={hold.cart_id}>
                  …{hold.cart_id.slice(-8)}
                </Table.Cell>
                <Table.Cell>{hold.customer_email ?? "—"}</Table.Cell>
                <Table.Cell>{timeLeft(hold, dataUpdatedAt, now)}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={BADGE[hold.status]}>
                    {hold.status}
                  </Badge>
                </Table.Cell>
                <Table.Cell className="text-right">
                  {hold.status === "active" && (
                    <Button size="small" variant="secondary" onClick={() => void onRelease(hold)} isLoading={release.isPending}>
                      Release
                    </Button>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <div className="flex items-center justify-between px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {isPending ? "Loading…" : `${count} hold${count === 1 ? "" : "s"}`}
        </Text>
        <div className="flex gap-2">
          <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(offset - PAGE_SIZE, 0))}>
            Previous
          </Button>
          <Button size="small" variant="secondary" disabled={offset + PAGE_SIZE >= count} onClick={() => setOffset(offset + PAGE_SIZE)}>
            Next
          </Button>
        </div>
      </div>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Checkout holds",
  icon: Clock,
})

export default CheckoutHoldsPage
