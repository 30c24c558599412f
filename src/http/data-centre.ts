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

/**
 * An address in the data centre's cache: on the site's own origin, since a
 * data centre's cache is shared by every Worker of the zone, in `folder`, whose
 * dot keeps it apart from the site's answers (a first path segment with a dot
 * is never a page's slug nor a route's, paths.ts), then each name URI-encoded.
 */
export function dataCentreAddress(
  siteUrl: string,
  folder: `.${string}`,
  ...names: readonly string[]
): string {
  const path = names.map((name) => encodeURIComponent(name)).join('/')
  return `${new URL(siteUrl).origin}/${folder}/${path}`
}

/** Logs a failed operation on the data centre's cache as `event`; its caller goes on without the cache. */
export function cacheFailed(event: string, operation: string, error: unknown): void {
  console.error(JSON.stringify({ event, operation, error: String(error) }))
}
