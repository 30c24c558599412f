/**
 * A Map that keeps at most `capacity` entries, dropping the one set longest ago
 * when full. Per-isolate caches use it so memory stays bounded however many
 * URLs, articles or clients an isolate sees.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>()

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key)
  }

  /** Stores `value` as the newest entry, dropping the oldest when over capacity. */
  set(key: K, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
  }

  delete(key: K): void {
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}
