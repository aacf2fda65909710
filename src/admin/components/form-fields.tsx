import { Alert, Checkbox, Hint, Input, Label, Switch, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type FieldProps = {
  id: string
  label: string
  hint?: string
  /** The API's messages about this field, shown as they are. */
  errors?: string[]
  children: ReactNode
}

export const Field = ({ id, label, hint, errors, children }: FieldProps) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    {children}
    {hint && <Hint>{hint}</Hint>}
    {errors?.map((error) => (
      <Hint key={error} variant="error">
        {error}
      </Hint>
    ))}
  </div>
)

type NumberFieldProps = Omit<FieldProps, "children"> & {
  value: string
  onChange: (value: string) => void
  step?: string
  disabled?: boolean
}

export const NumberField = ({ value, onChange, step = "any", disabled, ...field }: NumberFieldProps) => (
  <Field {...field}>
    <Input
      id={field.id}
      type="number"
      inputMode="decimal"
      step={step}
      min="0"
      value={value}
      disabled={disabled}
      aria-invalid={field.errors?.length ? true : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  </Field>
)

type TextFieldProps = Omit<FieldProps, "children"> & {
  value: string
  onChange: (value: string) => void
}

export const TextField = ({ value, onChange, ...field }: TextFieldProps) => (
  <Field {...field}>
    <Input
      id={field.id}
      value={value}
      aria-invalid={field.errors?.length ? true : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  </Field>
)

type SwitchFieldProps = {
  id: string
  label: string
  description?: string
  checked: boolean
  onCheckedChange: (checked: boolean) => void
  errors?: string[]
}

export const SwitchField = ({ id, label, description, checked, onCheckedChange, errors }: SwitchFieldProps) => (
  <div className="flex flex-col gap-y-2">
    <div className="flex items-start gap-x-3">
      <Switch id={id} checked={checked} onCheckedChange={onCheckedChange} />
      <div className="flex flex-col">
        <Label htmlFor={id} size="small" weight="plus">
          {label}
        </Label>
        {description && (
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        )}
      </div>
    </div>
    {errors?.map((error) => (
      <Hint key={error} variant="error">
        {error}
      </Hint>
    ))}
  </div>
)

type CheckboxGroupProps<T extends string> = {
  id: string
  label: string
  options: readonly T[]
  labels: Record<T, string>
  value: T[]
  onChange: (value: T[]) => void
  disabled?: boolean
  hint?: string
  errors?: string[]
}

/** One checkbox per enum value, e.g. the allergens or the dietary tags. */
export function CheckboxGroup<T extends string>({
  id,
  label,
  options,
  labels,
  value,
  onChange,
  disabled,
  hint,
  errors,
}: CheckboxGroupProps<T>) {
  const toggle = (option: T, checked: boolean) =>
    onChange(checked ? [...value, option] : value.filter((item) => item !== option))

  return (
    <fieldset className="flex flex-col gap-y-2" disabled={disabled}>
      <legend className="mb-2">
        <Label size="small" weight="plus">
          {label}
        </Label>
      </legend>
      <div className="grid grid-cols-2 gap-2">
        {options.map((option) => {
          const optionId = `${id}-${option}`
          return (
            <div key={option} className="flex items-center gap-x-2">
              <Checkbox
                id={optionId}
                checked={value.includes(option)}
                disabled={disabled}
                onCheckedChange={(checked) => toggle(option, checked === true)}
              />
              <Label htmlFor={optionId} size="small" className={disabled ? "text-ui-fg-disabled" : undefined}>
                {labels[option]}
              </Label>
            </div>
          )
        })}
      </div>
      {hint && <Hint>{hint}</Hint>}
      {errors?.map((error) => (
        <Hint key={error} variant="error">
          {error}
        </Hint>
      ))}
    </fieldset>
  )
}

/** The API's whole error message, verbatim, at the top of a form. */
export const FormError = ({ message }: { message: string | null }) =>
  message ? (
    <Alert variant="error" dismissible={false}>
      {message}
    </Alert>
  ) : null
