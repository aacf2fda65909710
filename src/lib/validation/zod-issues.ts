import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/** "snack_profile.allergens.0: Invalid option ..." — one line per issue, naming the field. */
export function describeZodIssues(prefix: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = [prefix, ...issue.path.map(String)].filter(Boolean).join(".")
      return `${field}: ${issue.message}`
    })
    .join("; ")
}

/** Parses with a zod schema or throws a 400 (MedusaError INVALID_DATA) naming each field. */
export function parseOrThrow<T extends z.ZodTypeAny>(schema: T, value: unknown, prefix: string): z.infer<T> {
  const result = schema.safeParse(value)
  if (!result.success) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, describeZodIssues(prefix, result.error))
  }
  return result.data
}
