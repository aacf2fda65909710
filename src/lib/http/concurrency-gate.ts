/**
 * A first-in first-out gate letting at most `limit` holders through at once;
 * the others wait their turn, at most until a deadline. Waiting costs nothing
 * (a pending promise), so a crowd queued here leaves the event loop and the
 * database pool to the requests already inside.
 */
export class ConcurrencyGate {
  private inside = 0
  private readonly queue: { admit: () => void }[] = []
  private readonly emptied: (() => void)[] = []

  constructor(readonly limit: number) {}

  /** Requests inside and waiting, for diagnostics. */
  get load() {
    return { inside: this.inside, waiting: this.queue.length }
  }

  /** True when a newcomer would have to wait. */
  get full() {
    return this.inside >= this.limit || this.queue.length > 0
  }

  /**
   * Resolves once nobody waits in the queue (at once when nobody does), or
   * after `maxMs` at the latest: for work that should yield to the queued.
   */
  whenNoneWaiting(maxMs: number): Promise<void> {
    if (!this.queue.length) {
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        const at = this.emptied.indexOf(done)
        if (at >= 0) {
          this.emptied.splice(at, 1)
        }
        resolve()
      }
      const timer = setTimeout(done, maxMs)
      this.emptied.push(done)
    })
  }

  /**
   * Resolves with a release function once admitted (release it exactly once);
   * with "timeout" when `waitMs` passed first, or "cancelled" when `cancel`
   * settled first: either way the caller has left the queue.
   */
  enter(waitMs: number, cancel?: Promise<unknown>): Promise<(() => void) | "timeout" | "cancelled"> {
    if (!this.full) {
      this.inside++
      return Promise.resolve(this.releaser())
    }
    return new Promise((resolve) => {
      const leave = (why: "timeout" | "cancelled") => {
        const at = this.queue.indexOf(entry)
        if (at >= 0) {
          clearTimeout(timer)
          this.queue.splice(at, 1)
          this.noticeEmpty()
          resolve(why)
        }
      }
      const entry = {
        admit: () => {
          clearTimeout(timer)
          this.inside++
          resolve(this.releaser())
        },
      }
      const timer = setTimeout(() => leave("timeout"), waitMs)
      this.queue.push(entry)
      void cancel?.then(
        () => leave("cancelled"),
        () => leave("cancelled")
      )
    })
  }

  private releaser(): () => void {
    let released = false
    return () => {
      if (released) {
        return
      }
      released = true
      this.inside--
      const next = this.queue.shift()
      next?.admit()
      this.noticeEmpty()
    }
  }

  private noticeEmpty() {
    if (!this.queue.length) {
      for (const done of [...this.emptied]) {
        done()
      }
    }
  }
}
