import { isNotModified, type Validators } from './conditional-get'

/** A response body rendered once and served many times, with its validators. */
export interface RenderedResponse extends Validators {
  body: Uint8Array<ArrayBuffer>
  /** Every header of the answer, the validators included, built once. */
  headers: Record<string, string>
}

const encoder = new TextEncoder()

/** Encodes a rendered body and computes its strong ETag once. */
export async function renderedResponse(
  body: string,
  lastModified: Date,
  headers: Record<string, string>,
): Promise<RenderedResponse> {
  // TextEncoder always returns a new ArrayBuffer-backed array; workers-types types it loosely.
  const bytes = encoder.encode(body) as Uint8Array<ArrayBuffer>
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

/** Answers GET/HEAD from rendered bytes: 304 when the client is current, else 200. */
export function serveRendered(
  method: string,
  requestHeaders: Headers,
  rendered: RenderedResponse,
): Response {
  const { headers } = rendered
  if (isNotModified(requestHeaders, rendered)) return new Response(null, { status: 304, headers })
  return new Response(method === 'HEAD' ? null : rendered.body, { status: 200, headers })
}
