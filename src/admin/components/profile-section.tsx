import { PencilSquare, Plus } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type ProfileSectionProps = {
  title: string
  /** "Edit" for a saved profile, "Add" for a product without one; none while it cannot load. */
  action?: "edit" | "add"
  onAction?: () => void
  children: ReactNode
}

/** A product page section in the admin's own style: heading, action, rows. */
export const ProfileSection = ({ title, action, onAction, children }: ProfileSectionProps) => (
  <Container className="divide-y p-0">
    <div className="flex items-center justify-between px-6 py-4">
      <Heading level="h2">{title}</Heading>
      {action && (
        <Button size="small" variant="secondary" type="button" onClick={onAction}>
          {action === "edit" ? <PencilSquare /> : <Plus />}
          {action === "edit" ? "Edit" : "Add profile"}
        </Button>
      )}
    </div>
    {children}
  </Container>
)

type RowProps = {
  label: string
  children: ReactNode
}

/** One key/value row; `null`, empty strings and empty lists read as "-". */
export const Row = ({ label, children }: RowProps) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-start gap-x-4 px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <div className="txt-compact-small text-ui-fg-base whitespace-pre-line break-words">
      {children === null || children === undefined || children === "" ? "-" : children}
    </div>
  </div>
)

type BadgeListProps<T extends string> = {
  values: readonly T[]
  labels: Record<T, string>
  color?: "green" | "red" | "blue" | "orange" | "grey" | "purple"
}

export function BadgeList<T extends string>({ values, labels, color = "grey" }: BadgeListProps<T>) {
  if (!values.length) {
    return <>-</>
  }
  return (
    <div className="flex flex-wrap gap-1">
      {values.map((value) => (
        <Badge key={value} size="2xsmall" color={color}>
          {labels[value] ?? value}
        </Badge>
      ))}
    </div>
  )
}

/** A line of text under the heading: no profile yet, or why it cannot load. */
export const SectionNote = ({ children, error }: { children: ReactNode; error?: boolean }) => (
  <div className="px-6 py-4">
    <Text size="small" className={error ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
      {children}
    </Text>
  </div>
)

/** A formatted number with a unit, or "-" when unknown. */
export const withUnit = (value: number | null | undefined, unit: string) =>
  value === null || value === undefined ? null : `${value.toLocaleString()} ${unit}`
