import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { Badge, Button, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { DashboardBlock } from "../../components/dashboard/dashboard-block"
import { OrdersChart } from "../../components/dashboard/orders-chart"
import { errorText, money, useRecordCash, useShopDashboard, type CodToCollect } from "../../lib/dashboard-api"

const CHART_DAYS = 14

/** A payment's order (linked to its page, where Medusa Admin captures it), amount and customer. */
const PaymentSummary = ({ payment }: { payment: CodToCollect }) => (
  <div className="min-w-0">
    <Text size="small" weight="plus">
      {payment.order_id ? <Link to={`/orders/${payment.order_id}`}>Order #{payment.display_id}</Link> : "Order"}
      {" · "}
      {money(payment.amount, payment.currency_code)}
    </Text>
    <Text size="xsmall" className="text-ui-fg-subtle truncate">
      {payment.customer ?? payment.email ?? ""}
    </Text>
  </div>
)

/** The owner's day at a glance: what sold, what cash to collect, what runs out, what labels lack. */
const ShopDashboardPage = () => {
  const { data, isPending, error, refetch } = useShopDashboard(CHART_DAYS)
  const recordCash = useRecordCash()
  const prompt = usePrompt()
  const state = { isPending, error: error ? errorText(error) : null, onRetry: () => void refetch() }
  const currency = data?.currency_code ?? null

  const onRecordCash = async (payment: CodToCollect) => {
    const confirmed = await prompt({
      title: "Record the cash?",
      description: `${money(payment.amount, payment.currency_code)} collected for order #${payment.display_id ?? "?"}. This captures the payment.`,
      confirmText: "Record cash",
      cancelText: "Not yet",
    })
    if (!confirmed) {
      return
    }
    recordCash.mutate(payment.payment_id, {
      onSuccess: () => toast.success(`Cash recorded for order #${payment.display_id ?? "?"}`),
      onError: (e) => toast.error(errorText(e)),
    })
  }

  return (
    <div className="flex flex-col gap-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-1">
        <Heading level="h1">Shop dashboard</Heading>
        {data && (
          <Text size="small" className="text-ui-fg-subtle">
            {data.date} · {data.time_zone}
          </Text>
        )}
      </div>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <DashboardBlock
          title="Today's orders"
          subtitle={data && `${data.today.orders} order${data.today.orders === 1 ? "" : "s"} · ${money(data.today.revenue, currency)}`}
          empty={data && !data.today.orders ? "No orders yet today." : null}
          {...state}
        >
          <ul className="flex flex-col gap-2">
            {data?.today.by_delivery.map((group) => (
              <li key={group.delivery} className="flex items-center justify-between gap-2">
                <Text size="small">{group.delivery}</Text>
                <Text size="small" className="text-ui-fg-subtle">
                  {group.orders} · {money(group.revenue, currency)}
                </Text>
              </li>
            ))}
          </ul>
          <div className="mt-3 flex flex-wrap gap-1">
            {data?.today.recent.map((order) => (
              <Link key={order.id} to={`/orders/${order.id}`}>
                <Badge size="2xsmall">#{order.display_id}</Badge>
              </Link>
            ))}
          </div>
        </DashboardBlock>

        <DashboardBlock
          title="Cash on delivery to collect"
          subtitle={data && `${data.cod_to_collect.count} to collect · ${money(data.cod_to_collect.amount, currency)}`}
          empty={data && !data.cod_to_collect.count ? "No cash to collect." : null}
          {...state}
        >
          <ul className="flex flex-col divide-y">
            {data?.cod_to_collect.payments.map((payment) => (
              <li key={payment.payment_id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <PaymentSummary payment={payment} />
                <Button
                  size="small"
                  variant="secondary"
                  isLoading={recordCash.isPending && recordCash.variables === payment.payment_id}
                  onClick={() => void onRecordCash(payment)}
                >
                  Record cash
                </Button>
              </li>
            ))}
          </ul>
        </DashboardBlock>

        <DashboardBlock
          title="Payments to capture"
          subtitle={
            data &&
            `${data.to_capture.count} authorized · ${money(data.to_capture.amount, currency)} · capture each in its order once it ships`
          }
          empty={data && !data.to_capture.count ? "Nothing waiting to be captured." : null}
          {...state}
        >
          <ul className="flex flex-col divide-y">
            {data?.to_capture.payments.map((payment) => (
              <li key={payment.payment_id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <PaymentSummary payment={payment} />
                {payment.lapses_at && (
                  <Badge
                    size="2xsmall"
                    className="shrink-0 whitespace-nowrap"
                    color={new Date(payment.lapses_at).getTime() - Date.now() < 2 * 86_400_000 ? "red" : "orange"}
                  >
                    lapses {new Date(payment.lapses_at).toLocaleDateString()}
                  </Badge>
                )}
              </li>
            ))}
          </ul>
        </DashboardBlock>

        <DashboardBlock
          title="Low in stock"
          subtitle={data && `Available ${data.low_stock.threshold} or fewer, net of checkout holds`}
          empty={data && !data.low_stock.variants.length ? "Nothing is running low." : null}
          {...state}
        >
          <ul className="flex flex-col divide-y">
            {data?.low_stock.variants.map((variant) => (
              <li key={variant.variant_id} className="flex items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <Text size="small" className="truncate">
                    <Link to={`/products/${variant.product_id}`}>{variant.product_title}</Link>
                    {variant.variant_title ? ` · ${variant.variant_title}` : ""}
                  </Text>
                  {variant.held > 0 && (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {variant.held} held at checkout
                    </Text>
                  )}
                </div>
                <Badge size="2xsmall" className="shrink-0 whitespace-nowrap" color={variant.available === 0 ? "red" : "orange"}>
                  {variant.available} available
                </Badge>
              </li>
            ))}
          </ul>
        </DashboardBlock>

        <DashboardBlock
          title="Snacks missing label facts"
          subtitle="Shelf life and allergen declaration"
          empty={data && !data.snacks_missing_facts.length ? "Every snack has its shelf life and allergen declaration." : null}
          {...state}
        >
          <ul className="flex flex-col divide-y">
            {data?.snacks_missing_facts.map((snack) => (
              <li key={snack.product_id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Text size="small">
                  <Link to={`/products/${snack.product_id}`}>{snack.title}</Link>
                </Text>
                <Text size="xsmall" className="text-ui-fg-error shrink-0">
                  missing {snack.missing.join(" and ")}
                </Text>
              </li>
            ))}
          </ul>
        </DashboardBlock>
      </div>

      <DashboardBlock
        title={`Orders and revenue, last ${CHART_DAYS} days`}
        empty={data && !data.daily.some((d) => d.orders) ? `No orders in the last ${CHART_DAYS} days.` : null}
        {...state}
      >
        {data && <OrdersChart days={data.daily} currency={currency} />}
      </DashboardBlock>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Shop dashboard",
  icon: ChartBar,
})

export default ShopDashboardPage
