import type { Context } from 'hono'
import type { AppEnv } from '../app/context'
import { cacheControl } from '../http/cache-control'
import { prefersHtml } from '../http/negotiate'
import { problem, problemResponse } from '../http/problem'
import { NotFoundPage } from '../pages/not-found-page'
import { siteHead } from '../pages/site-head'
import { paths } from '../paths'

/** 404: an HTML page for browsers, problem JSON for API clients. */
export async function notFound<E extends AppEnv>(c: Context<E>): Promise<Response> {
  if (!prefersHtml(c.req.raw)) {
    return problemResponse(problem(404, `Nothing is published at ${new URL(c.req.url).pathname}.`))
  }
  const page = NotFoundPage({ head: siteHead(c, []), homeUrl: paths.home })
  return c.html(`<!doctype html>${await page.toString()}`, 404, {
    'cache-control': cacheControl.none,
  })
}
