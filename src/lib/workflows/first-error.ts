/** What a failed workflow step threw, as Medusa's errors carry it. */
export type WorkflowFailure = Error & { type?: string }

/**
 * The first error of a workflow run with `throwOnError: false`. Medusa types a
 * step's error as `any`; this names the fields the shop reads (MedusaError's
 * `type` and `message`).
 */
export function firstWorkflowError(errors: { error?: unknown }[] | undefined): WorkflowFailure | undefined {
  const error: unknown = errors?.[0]?.error
  if (error === undefined || error === null) {
    return undefined
  }
  return error instanceof Error ? error : new Error(typeof error === "string" ? error : JSON.stringify(error))
}
