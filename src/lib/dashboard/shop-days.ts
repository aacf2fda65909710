/**
 * Calendar days in the shop's time zone ("today" in Bengaluru is not today in
 * UTC until 05:30), with nothing but Intl.
 */

/** True when Intl knows the IANA zone name (e.g. "Asia/Kolkata"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name })
    return true
  } catch {
    return false
  }
}

/** "2026-11-25": the calendar day an instant falls on in the zone. */
export function dayOf(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant)
}

/** Minutes the zone is ahead of UTC at an instant (Asia/Kolkata: 330). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"))
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
}

/** The instant a calendar day starts in the zone (midnight local time). */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number)
  const midnightUtc = Date.UTC(y, m - 1, d)
  // Two passes settle days whose offset differs at UTC midnight and local midnight (DST changes).
  let guess = midnightUtc - offsetMinutes(new Date(midnightUtc), timeZone) * 60_000
  guess = midnightUtc - offsetMinutes(new Date(guess), timeZone) * 60_000
  return new Date(guess)
}

/** The day after (or `n` days after) a calendar day. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}

/** The last `count` calendar days ending with `lastDay`, oldest first. */
export function lastDays(lastDay: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(lastDay, i - count + 1))
}
