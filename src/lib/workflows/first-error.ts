/** What a failed workflow step threw, as Medusa's errors carry it. */
export type WorkflowFailure = { message: string; name?: string; type?: string }

/**
 * The first error of a workflow run with `throwOnError: false`. Medusa types a
 * step's error as `any`, and it may be the thrown Error or its serialised copy
 * (a plain object with the same fields); this reads the fields the shop uses
 * (MedusaError's `type`, `message`, `name`), keeping the original otherwise.
 */
export function firstWorkflowError(errors: { error?: unknown }[] | undefined): (WorkflowFailure & object) | undefined {
  const error: unknown = errors?.[0]?.error
  if (error === undefined || error === null) {
    return undefined
  }
  if (typeof error === "object") {
    const fields = error as Partial<Record<keyof WorkflowFailure, unknown>>
    if (typeof fields.message === "string") {
      return error as WorkflowFailure
    }
  }
  return new Error(typeof error === "string" ? error : JSON.stringify(error))
}
