import { BoundedMap } from '../../lib/bounded-map'

interface Entry<T> {
  value: T
  readAt: number
  keptMs: number
  tag: string | undefined
}

/** A loaded value and the instant it was read from KV, which may be before the load. */
export interface Loaded<T> {
  value: T
  readAt: number
  /** How long it may be kept from `readAt`, where less than the memo's window. */
  keptMs?: number
}

/**
 * Per-isolate memo of KV reads. A page view within `ttlMs` of the KV read it
 * shows reads nothing from KV; moderation in this isolate invalidates at once.
 * A load may hand back a value read earlier (the data centre's cache): it is
 * kept only for what is left of `ttlMs` since that read, so the two windows
 * never add up.
 *
 * Only loaded values are shared between requests, never a load in progress:
 * workerd cancels a request that waits on I/O begun by another request ("your
 * Worker's code had hung"), which `npm run load` saw as 500s at each reload. So
 * requests arriving while the memo is stale each read KV once themselves.
 */
export class Memo<T> {
  private readonly entries: BoundedMap<string, Entry<T>>

  constructor(
    private readonly ttlMs: number,
    capacity: number,
  ) {
    this.entries = new BoundedMap(capacity)
  }

  /**
   * The memoised value for `key`, reloaded with `load` when read longer than the
   * TTL ago, or when it was loaded under another `tag` (a version of what the key
   * holds): one entry per key, so an older version is dropped, never kept beside.
   */
  get(key: string, load: () => Promise<Loaded<T>>, now = Date.now(), tag?: string): Promise<T> {
    const entry = this.entries.get(key)
    if (entry && entry.tag === tag && now - entry.readAt < entry.keptMs) {
      return Promise.resolve(entry.value)
    }
    return load().then(({ value, readAt, keptMs }) => {
      const kept = Math.min(this.ttlMs, keptMs ?? this.ttlMs)
      this.entries.set(key, { value, readAt, keptMs: kept, tag })
      return value
    })
  }

  /** Forgets `key` so the next read goes to KV. */
  invalidate(key: string): void {
    this.entries.delete(key)
  }
}
