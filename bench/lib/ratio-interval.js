const { percentile } = require("./http")

/** A small seeded generator (mulberry32): the same series give the same interval. */
function seeded(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
const median = (xs) => percentile([...xs].sort((a, b) => a - b), 0.5)

/**
 * A 95% interval for other / base, of the means and of the medians, from paired
 * series (base[i] and other[i] measured back to back, as `interleaved` runs
 * them): the pairs are resampled with replacement, so a pair's two times stay
 * together and the machine's drift during the run moves both. A ratio target
 * is met when the interval's upper bound is within it, missed when its lower
 * bound is past it, and undecided otherwise (more pairs would tell).
 */
function ratioInterval(base, other, { resamples = 4000, seed = 1 } = {}) {
  if (base.length !== other.length || base.length < 2) {
    throw new Error(`ratioInterval needs two paired series of 2 or more (got ${base.length} and ${other.length})`)
  }
  const random = seeded(seed)
  const n = base.length
  const ratios = { mean: [], p50: [] }
  for (let r = 0; r < resamples; r++) {
    const b = []
    const o = []
    for (let k = 0; k < n; k++) {
      const i = Math.floor(random() * n)
      b.push(base[i])
      o.push(other[i])
    }
    ratios.mean.push(mean(o) / mean(b))
    ratios.p50.push(median(o) / median(b))
  }
  const bounds = (xs) => {
    const sorted = xs.sort((a, b) => a - b)
    return [+percentile(sorted, 0.025).toFixed(3), +percentile(sorted, 0.975).toFixed(3)]
  }
  return { mean: bounds(ratios.mean), p50: bounds(ratios.p50) }
}

/** "met", "missed" or "undecided" for a ratio target, from its interval. */
function verdict([low, high], target) {
  if (high <= target) return "met"
  if (low > target) return "missed"
  return "undecided"
}

module.exports = { ratioInterval, verdict }
