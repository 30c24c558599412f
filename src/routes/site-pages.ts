import { type AppEnv, config, originOf, respondRendered } from '../app/context'
import { Hono } from '../app/hono'
import { archive, findSitePage, site } from '../content/index'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { RenderCache } from '../http/render-cache'
import { type RenderedResponse, renderedResponse } from '../http/rendered'
import { siteHead } from '../pages/site-head'
import { SitePageView } from '../pages/site-page'
import { paths } from '../paths'
import { notFound } from './not-found'

const rendered = new RenderCache<RenderedResponse>(64)

/**
 * The pages of content/pages/ at /<slug>. Mounted after every other route, so
 * a route always wins; the build refuses a page whose slug a route takes.
 */
export const sitePages = new Hono<AppEnv>()

sitePages.get('/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}', async (c) => {
  const page = await findSitePage(c.req.param('slug'), c.env.ASSETS)
  if (!page) return notFound(c)
  const response = await rendered.get(`page|${page.slug}|${originOf(c)}`, async () => {
    const document = SitePageView({
      head: {
        ...siteHead(c, []),
        language: page.language,
        title: `${page.title} — ${site.title}`,
        description: page.description ?? site.description,
        canonical: config(c).siteUrl + paths.page(page.slug),
      },
      homeUrl: paths.home,
      page,
    })
    // A page without `updated` is taken to be as new as the newest article of its build.
    return renderedResponse(
      `<!doctype html>${await document.toString()}`,
      latest(page.updated ?? archive.lastModified),
      { 'content-type': 'text/html; charset=utf-8', 'cache-control': cacheControl.page },
    )
  })
  return respondRendered(c, response)
})
