/** Whether the client is a browser that wants an HTML page rather than JSON. */
export function prefersHtml(request: Request): boolean {
  const accept = request.headers.get('accept') ?? ''
  return /\btext\/html\b/.test(accept)
}

/** The media type of the request body, lowercased, without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}
