/**
 * A small per-isolate cache of rendered responses. Keys name everything the
 * bytes depend on (route, origin, data version), so entries never go stale;
 * the oldest are dropped when it is full.
 */
export class RenderCache<V> {
  private readonly entries = new Map<string, Promise<V>>()

  constructor(private readonly capacity: number) {}

  /** The cached value for `key`, or the one `render` makes (once, even under concurrency). */
  get(key: string, render: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key)
    if (hit) return hit
    const made = render()
    this.entries.set(key, made)
    made.catch(() => this.entries.delete(key))
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    return made
  }
}
