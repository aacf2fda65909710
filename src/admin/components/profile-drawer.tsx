import { Button, Drawer } from "@medusajs/ui"
import type { FormEvent, ReactNode } from "react"
import { FormError } from "./form-fields"

type ProfileDrawerProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: string
  /** The form body; mounted only while the drawer is open. */
  children: ReactNode
}

/** The drawer that holds a profile form; its content unmounts when closed. */
export const ProfileDrawer = ({ open, onOpenChange, title, description, children }: ProfileDrawerProps) => (
  <Drawer open={open} onOpenChange={onOpenChange}>
    <Drawer.Content>
      <Drawer.Header>
        <Drawer.Title>{title}</Drawer.Title>
        <Drawer.Description className="text-ui-fg-subtle txt-small">{description}</Drawer.Description>
      </Drawer.Header>
      {children}
    </Drawer.Content>
  </Drawer>
)

type ProfileFormProps = {
  onSubmit: () => void
  isSaving: boolean
  /** The API's (or the form's) error message, shown verbatim. */
  error: string | null
  children: ReactNode
}

/** Body and footer of a profile drawer: the fields, the error, Cancel and Save. */
export const ProfileForm = ({ onSubmit, isSaving, error, children }: ProfileFormProps) => {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    onSubmit()
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden">
      <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-y-auto">
        <FormError message={error} />
        {children}
      </Drawer.Body>
      <Drawer.Footer>
        <Drawer.Close asChild>
          <Button size="small" variant="secondary" type="button" disabled={isSaving}>
            Cancel
          </Button>
        </Drawer.Close>
        <Button size="small" type="submit" isLoading={isSaving}>
          Save
        </Button>
      </Drawer.Footer>
    </form>
  )
}
