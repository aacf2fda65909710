/**
 * A process that keeps BURN_THREADS cores busy (default: all of them) until it
 * is killed: the "machine under load" variant of the checkout rush.
 */
const os = require("os")
const { Worker, isMainThread } = require("worker_threads")

if (isMainThread) {
  const threads = Number(process.env.BURN_THREADS || os.cpus().length)
  for (let i = 0; i < threads; i++) {
    new Worker(__filename)
  }
} else {
  for (;;) {
    Math.sqrt(Math.random() * 1e9)
  }
}
