import { BoundedMap } from '../lib/bounded-map'

/**
 * A small per-isolate cache of rendered responses. Keys name everything the
 * bytes depend on (route, origin, data version), so entries never go stale;
 * the oldest are dropped when it is full.
 *
 * Only finished values are shared between requests, never a render in
 * progress: workerd cancels a request that waits on a promise begun by another
 * request. Requests that miss at the same moment each render once.
 */
export class RenderCache<V> {
  private readonly entries: BoundedMap<string, V>

  constructor(capacity: number) {
    this.entries = new BoundedMap(capacity)
  }

  /** The cached value for `key`, or the one `render` makes. */
  async get(key: string, render: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key)
    if (hit !== undefined) return hit
    const made = await render()
    this.entries.set(key, made)
    return made
  }
}
