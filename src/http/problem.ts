/** One broken field of a request, as listed in a problem's `errors`. */
export interface FieldError {
  field: string
  /** Stable machine-readable reason, e.g. `required`, `too_long`. */
  code: string
  message: string
}

/** An RFC 9457 problem: errors are values with this shape, built only here. */
export interface Problem {
  type: string
  status: number
  title: string
  detail?: string
  errors?: FieldError[]
  /** Seconds, sent as Retry-After (429, 503). */
  retryAfter?: number
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Builds a problem value; `type` defaults to about:blank, whose title is the status phrase. */
export function problem(
  status: number,
  detail?: string,
  extra: Partial<Pick<Problem, 'errors' | 'retryAfter' | 'type' | 'title'>> = {},
): Problem {
  return {
    type: extra.type ?? 'about:blank',
    status,
    title: extra.title ?? titles[status] ?? 'Error',
    ...(detail ? { detail } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.retryAfter !== undefined ? { retryAfter: extra.retryAfter } : {}),
  }
}

/** 503 for an outage of the comment store: temporary, so it says when to retry. */
export function storeUnavailable(detail: string): Problem {
  return problem(503, detail, { retryAfter: 30 })
}

/** Serialises a problem as application/problem+json. */
export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  const { retryAfter, ...body } = p
  const all: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  }
  if (retryAfter !== undefined) all['retry-after'] = String(retryAfter)
  return new Response(JSON.stringify(body), { status: p.status, headers: all })
}
