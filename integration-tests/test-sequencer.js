const Sequencer = require("@jest/test-sequencer").default

/**
 * Jest's own order (failed first, then slowest first), except that the spec
 * file that publishes the run's seeded demo shop goes first: the shop's own
 * smoke file, the quickest to seed it. Every later HTTP spec file, the
 * multi-process ones included, then starts from a copy of it
 * (integration-tests/helpers/seeded-template.ts).
 */
const FIRST = "integration-tests/http/shop.spec.ts"

class SeededShopFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests)
    const first = sorted.filter((t) => t.path.endsWith(FIRST))
    return [...first, ...sorted.filter((t) => !t.path.endsWith(FIRST))]
  }
}

module.exports = SeededShopFirst
