/** One response of the real Worker as fetched, to be served again by a peer Worker. */
export interface CapturedResponse {
  status: number
  /** Every header except the ones the HTTP layer writes per message (length, date). */
  headers: Record<string, string>
  /** The body as text: every measured route answers UTF-8 (a 304 answers nothing). */
  body: string
}

/** What the real Worker answered for one path: the 200 and, with its ETag, the 304. */
export interface CapturedRoute {
  path: string
  ok: CapturedResponse
  notModified: CapturedResponse
}

/** A captured response with its body decoded once, ready to be served many times. */
export interface ServedResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array<ArrayBuffer> | null
}

const encoder = new TextEncoder()

/**
 * Encodes a captured body once, at module evaluation, with TextEncoder as the
 * real Worker's renderedResponse() does. Bytes made another way (a base64 decode into a
 * typed array) looked costlier for workerd to send in a trial on this machine;
 * holding them alike leaves only the work per request to compare.
 */
export function served(response: CapturedResponse): ServedResponse {
  return {
    status: response.status,
    headers: response.headers,
    body: response.status === 304 ? null : encoder.encode(response.body),
  }
}
