import type { ShortItem } from "./errors"

/**
 * How long this process remembers that a variant was found sold out (nothing
 * left for anyone) by a stock read: a checkout for it in that time is refused
 * at the door, without loading the cart or reading the stock again. A later
 * checkout reads again (and remembers again while it stays sold out), so
 * units that come back (a restock, a cancelled order) sell at most this long
 * after. Like every unlocked read it can only say no.
 */
export const SOLD_OUT_MEMO_MS = 1000

const memo = new Map<string, { at: number; title: string }>()
const listeners = new Set<(variantIds: Set<string>) => void>()

/** Remembers the variants of `items` (each with nothing left) as sold out, and wakes the requests waiting for them. */
export function rememberSoldOut(items: ShortItem[]) {
  const at = Date.now()
  const ids = new Set<string>()
  for (const item of items) {
    if (item.available <= 0) {
      memo.set(item.variant_id, { at, title: item.title })
      ids.add(item.variant_id)
    }
  }
  if (ids.size) {
    listeners.forEach((l) => l(ids))
  }
}

function fresh(variantId: string) {
  const entry = memo.get(variantId)
  if (entry && Date.now() - entry.at > SOLD_OUT_MEMO_MS) {
    memo.delete(variantId)
    return undefined
  }
  return entry
}

/** The lines whose variant is remembered sold out, as a refusal lists them. */
export function rememberedSoldOut(lines: { variant_id?: string | null; quantity: unknown }[]): ShortItem[] {
  return lines.flatMap((line) => {
    const entry = line.variant_id ? fresh(line.variant_id) : undefined
    return entry && line.variant_id
      ? [{ variant_id: line.variant_id, title: entry.title, requested: Number(line.quantity), available: 0 }]
      : []
  })
}

/** Calls `onSoldOut` when one of `variantIds` is found sold out; returns the unsubscribe. */
export function whenSoldOut(variantIds: string[], onSoldOut: () => void): () => void {
  const listener = (ids: Set<string>) => {
    if (variantIds.some((id) => ids.has(id))) {
      onSoldOut()
    }
  }
  listeners.add(listener)
  return () => listeners.delete(listener)
}
