/** The part of the Cache API this uses: `caches.default` in a Worker. */
export type CacheLike = Pick<Cache, 'match' | 'put' | 'delete'>

/**
 * This data centre's cache (`caches.default`), shared by its isolates, or none
 * where the runtime has none.
 */
export function defaultCache(): CacheLike | undefined {
  // Only Workers' CacheStorage has a `default`; a browser's or Node's has none.
  const storage = typeof caches === 'undefined' ? undefined : (caches as { default?: CacheLike })
  return storage?.default
}
