/**
 * How many of a process's `execute` calls may hold a database connection at
 * once; the rest wait here, in arrival order, holding none. Medusa's advisory
 * lock keeps a transaction (a pool connection) open while it waits for the
 * lock and while the job runs, and the job needs connections of its own from
 * the same pool: with as many executes at once as the pool has connections,
 * every job waits for a connection that only a finished job would return.
 */
export class ExecuteSlots {
  private inUse = 0
  private readonly waiting: { admit: () => void }[] = []

  constructor(readonly size: number) {}

  /**
   * A slot, at once or when one frees up; rejects (the lock's own timeout
   * message) when none has freed up by `deadline` (ms since the epoch).
   * Resolves with the slot's release, to be called exactly once.
   */
  enter(deadline: number): Promise<() => void> {
    if (this.inUse < this.size && !this.waiting.length) {
      this.inUse++
      return Promise.resolve(this.releaser())
    }
    return new Promise((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(timer)
          this.inUse++
          resolve(this.releaser())
        },
      }
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(entry)
        if (at >= 0) {
          this.waiting.splice(at, 1)
        }
        reject(new Error("Timed-out acquiring lock."))
      }, Math.max(deadline - Date.now(), 0))
      this.waiting.push(entry)
    })
  }

  private releaser(): () => void {
    let released = false
    return () => {
      if (released) {
        return
      }
      released = true
      this.inUse--
      this.waiting.shift()?.admit()
    }
  }
}
