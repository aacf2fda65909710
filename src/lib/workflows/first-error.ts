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
  if (error instanceof Error) {
    return error
  }
  // A step's error can come back as a plain object (serialized by the workflow
  // engine) that still carries MedusaError's `type` and `message` and the shop's
  // own fields (`items`, `retryAfterSeconds`): keep it whole, so the error
  // handler answers 400/409 rather than 500.
  if (typeof error === "object" && typeof (error as { message?: unknown }).message === "string") {
    return error as WorkflowFailure
  }
  return new Error(typeof error === "string" ? error : JSON.stringify(error))
}
