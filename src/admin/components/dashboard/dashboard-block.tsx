import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type DashboardBlockProps = {
  title: string
  /** A short line under the title (a total, a rule). */
  subtitle?: ReactNode
  isPending: boolean
  error: string | null
  onRetry: () => void
  /** What to say when there is nothing to show. */
  empty: string | null
  children?: ReactNode
}

/** One dashboard block with its loading, error and empty states. */
export const DashboardBlock = ({ title, subtitle, isPending, error, onRetry, empty, children }: DashboardBlockProps) => (
  <Container className="flex flex-col divide-y p-0" aria-label={title} role="region">
    <div className="px-6 py-4">
      <Heading level="h2">{title}</Heading>
      {subtitle && !isPending && !error && (
        <Text size="small" className="text-ui-fg-subtle">
          {subtitle}
        </Text>
      )}
    </div>
    <div className="px-6 py-4">
      {isPending ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label={`Loading ${title}`}>
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      ) : error ? (
        <div className="flex flex-col items-start gap-2" role="alert">
          <Text size="small" className="text-ui-fg-error break-words">
            {error}
          </Text>
          <Button size="small" variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        </div>
      ) : empty ? (
        <Text size="small" className="text-ui-fg-subtle">
          {empty}
        </Text>
      ) : (
        children
      )}
    </div>
  </Container>
)
