import {
  type CacheLike,
  cacheFailed,
  dataCentreAddress,
  defaultCache,
} from '../../http/data-centre'

/** A KV value's text (null when the key holds nothing) and the instant it was read from KV. */
export interface KvRead {
  text: string | null
  readAt: number
}

const readAtHeader = 'x-kv-read-at'

/**
 * The cache address of a KV value kept as `name`: named by the KV key (whose
 * `v1:` prefix changes with the stored format), with the version read where
 * the copy is of one version.
 */
export function dataCentreKey(siteUrl: string, name: string): string {
  return dataCentreAddress(siteUrl, '.kv-reads', name)
}

/**
 * How much longer a value read from KV at `readAt` may be shown, so that caches
 * in turn never keep it past `windowMs` from that read. A clock ahead of this
 * one (the data centre's other machines) never lengthens the window.
 */
export function remainingMs(readAt: number, windowMs: number, now: number): number {
  return windowMs - Math.max(0, now - readAt)
}

/**
 * A data centre's copy of what its isolates read from KV for readers, each
 * value kept for what is left of its window from the KV read. Every isolate of
 * a data centre shares it, and its operations are not billed, where each KV
 * read is. It only ever saves reads: an error, or a cache that keeps nothing
 * (`*.workers.dev`, where Cloudflare makes its operations no-ops), leaves
 * reading KV as without it.
 */
export class DataCentreCache {
  constructor(
    private readonly cache: CacheLike | undefined,
    private readonly siteUrl: string,
  ) {}

  /** This Worker's `caches.default` for the site at `siteUrl`, or none where the runtime has none. */
  static forSite(siteUrl: string): DataCentreCache {
    return new DataCentreCache(defaultCache(), siteUrl)
  }

  /**
   * The value kept as `name` (a KV key, or a key and the version read of it)
   * if this data centre read it within `windowMs`, or as `readKv` reads it now,
   * kept then unless `keepIf` refuses what was read.
   */
  async read(
    name: string,
    windowMs: number,
    readKv: () => Promise<string | null>,
    keepIf: (text: string | null) => boolean = () => true,
  ): Promise<KvRead> {
    const address = dataCentreKey(this.siteUrl, name)
    const kept = await this.match(address, windowMs)
    if (kept) return kept
    // The instant before the read: what KV answers is at least that fresh.
    const readAt = Date.now()
    const text = await readKv()
    if (keepIf(text)) await this.keep(address, { text, readAt }, windowMs)
    return { text, readAt }
  }

  /** The value kept as `name` if this data centre read it within `windowMs`; nothing is read from KV. */
  peek(name: string, windowMs: number): Promise<KvRead | undefined> {
    return this.match(dataCentreKey(this.siteUrl, name), windowMs)
  }

  /** Drops the data centre's copies kept as `names`, so its isolates read KV for them next. */
  async forget(names: readonly string[]): Promise<void> {
    if (!this.cache) return
    const cache = this.cache
    await Promise.all(
      names.map((name) =>
        cache.delete(dataCentreKey(this.siteUrl, name)).catch((error) => failed('delete', error)),
      ),
    )
  }

  private async match(address: string, windowMs: number): Promise<KvRead | undefined> {
    if (!this.cache) return undefined
    try {
      const response = await this.cache.match(address)
      if (!response) return undefined
      const text = await response.text()
      // Anything else under the address, or a clock gone back, has no usable instant.
      const readAt = Number(response.headers.get(readAtHeader))
      if (!(readAt > 0) || remainingMs(readAt, windowMs, Date.now()) <= 0) return undefined
      // The readers' keys always hold JSON, so an empty body stands for an absent key.
      return { text: text === '' ? null : text, readAt }
    } catch (error) {
      failed('match', error)
      return undefined
    }
  }

  private async keep(address: string, read: KvRead, windowMs: number): Promise<void> {
    if (!this.cache) return
    // Whole seconds, rounded down: the cache's copy never outlives the window.
    const seconds = Math.floor(remainingMs(read.readAt, windowMs, Date.now()) / 1000)
    if (seconds < 1) return
    const response = new Response(read.text ?? '', {
      headers: {
        'cache-control': `max-age=${seconds}`,
        [readAtHeader]: String(read.readAt),
      },
    })
    try {
      await this.cache.put(address, response)
    } catch (error) {
      failed('put', error)
    }
  }
}

function failed(operation: string, error: unknown): void {
  cacheFailed('data_centre_cache_failed', operation, error)
}
