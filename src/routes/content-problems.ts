import { cacheControl } from '../http/cache-control'
import { prefersHtml } from '../http/negotiate'
import { problem, problemResponse } from '../http/problem'
import { ContentProblemsPage } from '../pages/content-problems-page'

/**
 * 503 for every request of a dev build whose content is invalid: the problems
 * as a page for browsers, as problem JSON (one entry of `errors` each, its message the whole line) for
 * feed readers and API clients. Never kept: the next build may fix them.
 */
export async function contentProblemsResponse(
  request: Request,
  problems: readonly string[],
): Promise<Response> {
  if (!prefersHtml(request)) {
    return problemResponse(
      problem(503, 'The content does not build; fix the files named in errors.', {
        errors: problems.map((message) => ({ field: 'content', code: 'invalid', message })),
      }),
    )
  }
  const page = ContentProblemsPage({ problems })
  return new Response(`<!doctype html>${await page.toString()}`, {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': cacheControl.none,
    },
  })
}
