import { toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage, useUpdateProductProfile, type ProfileKey, type ProfileValues } from "./profile-api"
import { changedFields, type Parsed } from "./profile-form"

type Options = {
  /** Whether the product already has this profile (else saving creates it). */
  exists: boolean
  /** "Snack profile" / "Art profile", for the toasts. */
  title: string
  onSaved: () => void
}

/**
 * Saving a profile form: sends only the changed fields, shows the API's error
 * message verbatim (in the form and as a toast), and calls onSaved once the
 * widget's data has been refetched.
 */
export function useSaveProfile<K extends ProfileKey>(productId: string, key: K, options: Options) {
  const mutation = useUpdateProductProfile(productId, key)
  const [error, setError] = useState<string | null>(null)

  const save = (saved: ProfileValues[K], parsed: Parsed<ProfileValues[K]>) => {
    if (parsed.problems.length) {
      setError(parsed.problems.join("; "))
      return
    }
    const patch = changedFields(saved, parsed.values)
    if (options.exists && !Object.keys(patch).length) {
      toast.info(`${options.title}: nothing changed`)
      options.onSaved()
      return
    }
    setError(null)
    mutation.mutate(patch, {
      onSuccess: () => {
        toast.success(`${options.title} saved`)
        options.onSaved()
      },
      onError: (cause) => {
        const message = errorMessage(cause)
        setError(message)
        toast.error(`${options.title} not saved`, { description: message })
      },
    })
  }

  return { save, error, isSaving: mutation.isPending }
}
