import { type CacheLike, cacheFailed, dataCentreAddress } from './data-centre'
import type { RenderedResponse } from './rendered'

const headersHeader = 'x-rendered-headers'

/**
 * How long a data centre keeps a render. Its key names everything the bytes
 * depend on, so a render never goes stale within a deployed version; the day
 * only bounds what an unused key holds, and the cache evicts before that
 * what its data centre does not ask for.
 */
export const sharedRenderSeconds = 86_400

/**
 * The cache address of the render named `key` by the deployed version
 * `deployment`: per version, since the cache outlives a deploy and a new
 * version may render the same key otherwise.
 */
export function sharedRenderAddress(siteUrl: string, deployment: string, key: string): string {
  return dataCentreAddress(siteUrl, '.renders', deployment, key)
}

/** A render as the cache keeps it: its bytes, its headers in one header, and the cache's own lifetime. */
export function storedRender(rendered: RenderedResponse): Response {
  return new Response(rendered.body, {
    headers: {
      // Cache-Control is the cache's lifetime here; the answer's own travels with the rest.
      'cache-control': `max-age=${sharedRenderSeconds}`,
      // URI-encoded: a header value holds Latin-1 only, and this must come back exactly.
      [headersHeader]: encodeURIComponent(JSON.stringify(rendered.headers)),
    },
  })
}

function isHeaderRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  )
}

/** The render a cached response holds, or undefined for anything else at its address. */
export async function renderFromStore(response: Response): Promise<RenderedResponse | undefined> {
  const encoded = response.headers.get(headersHeader)
  if (encoded === null) return undefined
  let headers: unknown
  try {
    headers = JSON.parse(decodeURIComponent(encoded))
  } catch {
    return undefined
  }
  if (!isHeaderRecord(headers)) return undefined
  const { etag, 'last-modified': lastModified } = headers
  if (etag === undefined || lastModified === undefined) return undefined
  return { body: new Uint8Array(await response.arrayBuffer()), etag, lastModified, headers }
}

/**
 * Rendered answers shared by the isolates of a data centre, under keys that
 * name everything the bytes depend on. A fresh isolate then answers a page or
 * feed another isolate there rendered without rendering it: the first run of
 * the renderers is most of what a cold isolate's request costs. Only ever
 * saves work: an error, no cache, or no deployed version to name (outside
 * workerd) renders as without it.
 */
export class SharedRenders {
  constructor(
    private readonly cache: CacheLike | undefined,
    private readonly siteUrl: string,
    private readonly deployment: string | undefined,
  ) {}

  /** The render kept as `key` in this data centre, or the one `render` makes, kept then. */
  async get(key: string, render: () => Promise<RenderedResponse>): Promise<RenderedResponse> {
    const { cache, deployment } = this
    if (!cache || !deployment) return render()
    const address = sharedRenderAddress(this.siteUrl, deployment, key)
    try {
      const kept = await cache.match(address)
      const found = kept && (await renderFromStore(kept))
      if (found) return found
    } catch (error) {
      failed('match', error)
    }
    const made = await render()
    try {
      await cache.put(address, storedRender(made))
    } catch (error) {
      failed('put', error)
    }
    return made
  }
}

function failed(operation: string, error: unknown): void {
  cacheFailed('shared_render_failed', operation, error)
}
