/**
 * Polls `probe` until `ok` accepts its value or the deadline passes; returns the
 * last value either way, so that the caller's assertion fails (with the value)
 * when the thing did not happen in time.
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  { within = 30_000, every = 100 }: { within?: number; every?: number } = {}
): Promise<T> {
  const deadline = Date.now() + within
  let value = await probe()
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, every))
    value = await probe()
  }
  return value
}
