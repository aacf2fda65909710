const LIST_SUFFIX = ":list:*"

/**
 * The automatic tags of an answer (`caching.computeTags`) that its route's tags
 * do not already cover: neither one of them, nor of an entity they list.
 * Medusa's Caching Module clears `<Entity>:<id>` and `<Entity>:list:*`
 * together on every change of an entity (created, updated, deleted, restored,
 * attached, detached: every operation its module events carry), so where an answer is tagged `Product:list:*`, `Product:prod_123`
 * adds nothing but writes: two Redis commands per tag on every miss.
 * Tags of entities the list tags do not name are kept.
 */
export function tagsNotCoveredBy(found: readonly string[], tags: readonly string[]): string[] {
  const given = new Set(tags)
  const listed = new Set(tags.filter((tag) => tag.endsWith(LIST_SUFFIX)).map((tag) => tag.slice(0, -LIST_SUFFIX.length)))
  return found.filter((tag) => {
    const colon = tag.indexOf(":")
    return !given.has(tag) && (colon <= 0 || !listed.has(tag.slice(0, colon)))
  })
}

/**
 * The tags an answer is stored with: the automatic ones its route's tags do not
 * cover (a change to those entities clears the answer itself; a change to what
 * the route's tags name clears the route's generation, see route-generations.ts).
 * In one process (`withRouteTags`) the route's tags go on the answer too: an
 * answer of a past generation is never read again, and Medusa's in-memory
 * provider, capped in size, frees it at the change instead of at its expiry (a
 * clear there is a few map operations per entry; in Redis it would be two
 * commands per tag and answer, and there it expires unread within two minutes).
 */
export function tagsOfStoredAnswer(routeTags: readonly string[], found: readonly string[], withRouteTags: boolean): string[] {
  const uncovered = tagsNotCoveredBy(found, routeTags)
  return withRouteTags ? [...routeTags, ...uncovered] : uncovered
}
