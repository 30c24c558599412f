/** The validators a response carries: a strong ETag and an HTTP date. */
export interface Validators {
  etag: string
  lastModified: string
}

function etagMatches(header: string, etag: string): boolean {
  // The common case, a reader sending back the one ETag it was given, needs no parsing.
  if (header === etag) return true
  if (header.trim() === '*') return true
  // If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

/**
 * Whether the request's validators say the client already has this version.
 * If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 13.2.2).
 */
export function isNotModified(requestHeaders: Headers, validators: Validators): boolean {
  const ifNoneMatch = requestHeaders.get('if-none-match')
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, validators.etag)
  const ifModifiedSince = requestHeaders.get('if-modified-since')
  if (ifModifiedSince === null) return false
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && Date.parse(validators.lastModified) <= since
}
