import { model } from "@medusajs/framework/utils"

/**
 * One `Idempotency-Key` a client sent, within its scope (publishable key and
 * customer), with the request it stands for and, once answered, the answer.
 */
export const IdempotencyKey = model
  .define("idempotency_key", {
    id: model.id({ prefix: "idem" }).primaryKey(),
    scope: model.text(),
    key: model.text(),
    /** Hash of method, path and body: the same key may only mean the same request. */
    fingerprint: model.text(),
    method: model.text(),
    path: model.text(),
    status: model.enum(["in_progress", "completed"]).default("in_progress"),
    response_status: model.number().nullable(),
    response_body: model.json().nullable(),
    /** While in progress: after this a crashed request's key may be taken over. */
    locked_until: model.dateTime(),
    expires_at: model.dateTime(),
  })
  .indexes([
    { on: ["scope", "key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["expires_at"], where: "deleted_at IS NULL" },
  ])
