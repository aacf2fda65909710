/**
 * Coalesces concurrent work on one key inside this process: the first caller
 * runs `work`, every caller that arrives while it runs gets the same promise.
 * Across servers the store cache adds a lock (Medusa's Locking Module) on top.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Promise<T>>()

  /** The promise of work already running for `key`, if any. */
  pending(key: string): Promise<T> | undefined {
    return this.flights.get(key)
  }

  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.flights.get(key)
    if (running) {
      return running
    }
    const flight = work().finally(() => {
      if (this.flights.get(key) === flight) {
        this.flights.delete(key)
      }
    })
    this.flights.set(key, flight)
    return flight
  }
}
