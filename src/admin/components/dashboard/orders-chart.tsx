import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js"
import { useEffect, useRef } from "react"
import type { DayCount } from "../../lib/dashboard-api"
import { money } from "../../lib/dashboard-api"

// Only the pieces this chart draws, so the admin bundle carries no more of Chart.js.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend)

const dayLabel = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString("en-IN", { day: "numeric", month: "short", timeZone: "UTC" })

/** Orders (bars) and revenue (line) per day. */
export const OrdersChart = ({ days, currency }: { days: DayCount[]; currency: string | null }) => {
  const canvas = useRef<HTMLCanvasElement>(null)

  useEffect(() => {
    if (!canvas.current) {
      return
    }
    const chart = new Chart(canvas.current, {
      data: {
        labels: days.map((d) => dayLabel(d.date)),
        datasets: [
          {
            type: "bar",
            label: "Orders",
            data: days.map((d) => d.orders),
            backgroundColor: "rgba(59, 130, 246, 0.6)",
            yAxisID: "orders",
            order: 2,
          },
          {
            type: "line",
            label: "Revenue",
            data: days.map((d) => d.revenue),
            borderColor: "rgb(16, 185, 129)",
            backgroundColor: "rgb(16, 185, 129)",
            pointRadius: 2,
            tension: 0.25,
            yAxisID: "revenue",
            order: 1,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: (item) =>
                item.dataset.label === "Revenue" ? `Revenue ${money(Number(item.raw), currency)}` : `Orders ${String(item.raw)}`,
            },
          },
        },
        scales: {
          orders: { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 } },
          revenue: {
            type: "linear",
            position: "right",
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            ticks: { callback: (value) => money(Number(value), currency) },
          },
        },
      },
    })
    return () => chart.destroy()
  }, [days, currency])

  const orders = days.reduce((n, d) => n + d.orders, 0)
  const revenue = days.reduce((n, d) => n + d.revenue, 0)
  const summary = `${days.length} days: ${orders} order${orders === 1 ? "" : "s"}, ${money(revenue, currency)}`
  return (
    <figure className="flex flex-col gap-2">
      <div className="relative h-64 w-full">
        <canvas ref={canvas} role="img" aria-label={`Orders and revenue per day. ${summary}`} />
      </div>
      <figcaption className="txt-compact-small text-ui-fg-subtle">{summary}</figcaption>
    </figure>
  )
}
