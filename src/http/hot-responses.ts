import { BoundedMap } from '../lib/bounded-map'
import { hasEditCookie } from './edit-cookie'
import { type RenderedResponse, serveRendered } from './rendered'

interface HotEntry {
  rendered: RenderedResponse
  expires: number
  /**
   * Whether a reader with an edit cookie would be answered otherwise: only pages
   * show a reader their own comments (routes/articles.ts); feeds and JSON are the
   * same for everyone, so their hits need not look for the cookie.
   */
  personal: boolean
}

/** Headers that belong to one answer's body framing, not to the resource. */
const perAnswer = new Set(['content-length'])

/**
 * Finished answers to GETs, by URL, for a few seconds: the bytes, validators
 * and the final headers every middleware added. A hit is answered before the
 * router runs at all, which is what lets a feed poll cost about as much as
 * returning a constant. Entries expire quickly because comment counts and
 * approvals change what some of them say; moderation in this isolate clears
 * them at once. URLs with a query string (searches, and any address a stranger
 * decorates with one) are kept apart in a smaller map, so a flood of made-up
 * queries only pushes out other queries, never the feeds and pages.
 */
export class HotResponses {
  private readonly plain: BoundedMap<string, HotEntry>
  private readonly queried: BoundedMap<string, HotEntry>

  constructor(
    private readonly ttlMs: number,
    capacity: number,
    queriedCapacity: number,
  ) {
    this.plain = new BoundedMap(capacity)
    this.queried = new BoundedMap(queriedCapacity)
  }

  private mapOf(url: string): BoundedMap<string, HotEntry> {
    return url.includes('?') ? this.queried : this.plain
  }

  /**
   * The kept answer for this request, or undefined when the router must run: a
   * reader with an edit cookie sees their own comments' controls, so their pages
   * are never hot. Each of the request's properties is read once: a read crosses
   * into the runtime, and this path is most of what a warm request costs.
   */
  serve(request: Request, now = Date.now()): Response | undefined {
    const method = request.method
    if (method !== 'GET' && method !== 'HEAD') return undefined
    const url = request.url
    const entries = this.mapOf(url)
    const entry = entries.get(url)
    if (!entry) return undefined
    if (entry.expires <= now) {
      entries.delete(url)
      return undefined
    }
    const headers = request.headers
    if (entry.personal && hasEditCookie(headers)) return undefined
    return serveRendered(method, headers, entry.rendered)
  }

  /**
   * Keeps the answer the router gave to a plain GET of `url`, never past
   * `until` (when a scheduled article comes out and changes what it says).
   */
  remember(
    url: string,
    rendered: RenderedResponse,
    finalHeaders: Headers,
    now = Date.now(),
    until = Number.POSITIVE_INFINITY,
  ): void {
    const headers: Record<string, string> = {}
    finalHeaders.forEach((value, name) => {
      if (!perAnswer.has(name)) headers[name] = value
    })
    this.mapOf(url).set(url, {
      rendered: { ...rendered, headers },
      expires: Math.min(now + this.ttlMs, until),
      personal: headers['content-type']?.startsWith('text/html') ?? true,
    })
  }

  /** Forgets every answer (after moderation changed what readers see). */
  clear(): void {
    this.plain.clear()
    this.queried.clear()
  }
}

/** The isolate's hot answers: 10 seconds each, a few hundred URLs and 64 queries at most. */
export const hotResponses = new HotResponses(10_000, 512, 64)
