/** A response body rendered once and served many times, with its validators. */
export interface HeldResponse {
  body: Uint8Array
  etag: string
  lastModified: string
  /** Every header of the answer, the validators included, built once. */
  headers: Record<string, string>
}

const encoder = new TextEncoder()

/** Encodes a rendered body and computes its strong ETag once. */
export async function hold(
  body: string,
  lastModified: Date,
  headers: Record<string, string>,
): Promise<HeldResponse> {
  const bytes = encoder.encode(body)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  const hex = Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')
  const etag = `"${hex}"`
  const modified = lastModified.toUTCString()
  return {
    body: bytes,
    etag,
    lastModified: modified,
    headers: { ...headers, etag, 'last-modified': modified },
  }
}

function etagMatches(header: string, etag: string): boolean {
  // The common case, a reader sending back the one ETag it was given, needs no parsing.
  if (header === etag) return true
  if (header.trim() === '*') return true
  // If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

/** Whether the request's validators say the client already has this version. */
export function isNotModified(request: Request, held: Pick<HeldResponse, 'etag' | 'lastModified'>) {
  const ifNoneMatch = request.headers.get('if-none-match')
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, held.etag)
  const ifModifiedSince = request.headers.get('if-modified-since')
  if (ifModifiedSince === null) return false
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && Date.parse(held.lastModified) <= since
}

/** Answers GET/HEAD from held bytes: 304 when the client is current, else 200. */
export function serveHeld(request: Request, held: HeldResponse): Response {
  const { headers } = held
  if (isNotModified(request, held)) return new Response(null, { status: 304, headers })
  return new Response(request.method === 'HEAD' ? null : held.body, { status: 200, headers })
}
