const { ratioInterval, verdict } = require("../ratio-interval")

/** Deterministic "noise": a fixed pseudo-random series in [-1, 1). */
function noise(n, seed) {
  return Array.from({ length: n }, (_, i) => (((i + 1) * 7919 * seed) % 1000) / 500 - 1)
}

describe("ratioInterval", () => {
  it("gives an interval of one point when every pair has the same ratio", () => {
    const base = [100, 120, 90, 300, 110, 95, 105]
    const other = base.map((x) => x * 1.2)
    const interval = ratioInterval(base, other)
    expect(interval.mean[0]).toBeCloseTo(1.2, 6)
    expect(interval.mean[1]).toBeCloseTo(1.2, 6)
    expect(interval.p50[0]).toBeCloseTo(1.2, 6)
    expect(interval.p50[1]).toBeCloseTo(1.2, 6)
  })

  it("brackets the true ratio of noisy pairs, and narrows as pairs are added", () => {
    const make = (n) => {
      const a = noise(n, 7)
      const b = noise(n, 11)
      const base = a.map((e) => 300 + 80 * e)
      const other = b.map((e) => 315 + 80 * e) // 1.05x on average
      return ratioInterval(base, other)
    }
    const few = make(12)
    const many = make(600)
    for (const interval of [few.mean, many.mean]) {
      expect(interval[0]).toBeLessThan(1.05)
      expect(interval[1]).toBeGreaterThan(1.05)
    }
    // Twelve pairs cannot tell 1.05 from 1.10; six hundred can.
    expect(few.mean[1]).toBeGreaterThan(1.1)
    expect(many.mean[1]).toBeLessThan(1.1)
    expect(many.mean[1] - many.mean[0]).toBeLessThan((few.mean[1] - few.mean[0]) / 3)
  })

  it("keeps each pair together: a shared drift does not widen the interval", () => {
    // Both paths slow down together during the run (another process starts).
    const drift = Array.from({ length: 40 }, (_, i) => (i < 20 ? 200 : 600))
    const base = drift.map((d, i) => d + (i % 3))
    const other = drift.map((d, i) => d * 1.05 + (i % 3))
    const interval = ratioInterval(base, other)
    expect(interval.mean[1] - interval.mean[0]).toBeLessThan(0.01)
  })

  it("refuses series that are not paired", () => {
    expect(() => ratioInterval([1, 2, 3], [1, 2])).toThrow(/paired series/)
  })
})

describe("verdict", () => {
  it("is met, missed or undecided from where the interval lies", () => {
    expect(verdict([1.02, 1.08], 1.1)).toBe("met")
    expect(verdict([1.12, 1.2], 1.1)).toBe("missed")
    expect(verdict([1.05, 1.14], 1.1)).toBe("undecided")
  })
})
