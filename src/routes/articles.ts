import type { Context } from 'hono'
import {
  type AppEnv,
  config,
  originOf,
  publicComments,
  respondRendered,
  sharedRender,
} from '../app/context'
import { Hono } from '../app/hono'
import { publicView } from '../comments/public-view'
import type { PublicComments } from '../comments/store/public-comments'
import { indexPageSize } from '../content/data-files'
import { findPublicArticle, listEntries, site, visibleList } from '../content/index'
import { moreInSection } from '../content/sections'
import type { ListName } from '../content/types'
import { streamOf } from '../feeds/article-feed'
import { cacheControl } from '../http/cache-control'
import { hasEditCookie } from '../http/edit-cookie'
import { latest } from '../http/last-modified'
import { requestedPage } from '../http/page-param'
import { RenderCache } from '../http/render-cache'
import { type RenderedResponse, renderedResponse } from '../http/rendered'
import { listFeedLinks, siteCommentFeedLinks } from '../pages/advertised-feeds'
import { articleDocument, commentsView } from '../pages/article-view'
import { IndexPage } from '../pages/index-page'
import { siteHead } from '../pages/site-head'
import { paths, routePatterns } from '../paths'
import { notFound } from './not-found'
import { editValues, ownComments, ownView } from './own-comments'

const rendered = new RenderCache<RenderedResponse>(256)
const htmlType = 'text/html; charset=utf-8'

/** The home page, tag pages, author pages and article pages. */
export const articles = new Hono<AppEnv>()

/**
 * One page (`?page=n`, from 1) of a list, newest first: the home page, a tag's
 * or an author's page. Rendered once per page, origin and number of visible
 * articles, and shared by the data centre's isolates (shared-renders.ts).
 */
async function listPage(c: Context<AppEnv>, named: ListName | undefined): Promise<Response> {
  const page = requestedPage(c.req.query('page'))
  const found = await visibleList(named, c.env.ASSETS, Date.now())
  if (!found) return notFound(c)
  const { list, visible } = found
  const pageCount = Math.max(1, Math.ceil(visible / indexPageSize))
  if (Number.isNaN(page) || page > pageCount) return notFound(c)
  const origin = originOf(c)
  const stream = streamOf(site, list)
  const hrefOf = (n: number) => (n === 1 ? stream.page : `${stream.page}?page=${n}`)
  const key = `list|${list.id}|${page}|${origin}|${visible}`
  const render = async () => {
    const end = visible - (page - 1) * indexPageSize
    const shown = (
      await listEntries(list, Math.max(0, end - indexPageSize), end, c.env.ASSETS)
    ).reverse()
    const newest =
      page === 1 ? shown[0] : (await listEntries(list, visible - 1, visible, c.env.ASSETS))[0]
    const feeds = listFeedLinks(site, list, origin)
    // The home page also advertises the comments on every article (a tag page does not).
    const commentFeeds = list.name === undefined ? siteCommentFeedLinks(site, origin) : undefined
    const head = siteHead(c, [...feeds, ...(commentFeeds ?? [])])
    const document = IndexPage({
      head: {
        ...head,
        ...(list.name === undefined ? {} : { title: stream.title }),
        canonical: config(c).siteUrl + hrefOf(page),
      },
      homeUrl: paths.home,
      ...(list.name === undefined ? {} : { list: list.name }),
      ...(list.author ? { author: list.author } : {}),
      articles: shown,
      articleHref: paths.article,
      authorHref: paths.author,
      feeds,
      ...(commentFeeds ? { commentFeeds } : {}),
      pager: {
        ...(page > 1 ? { newerHref: hrefOf(page - 1) } : {}),
        ...(page < pageCount ? { olderHref: hrefOf(page + 1) } : {}),
      },
    })
    // A new article shifts every page, so each page is as new as the newest article,
    // or as the latest edit of an article it shows.
    return renderedResponse(
      `<!doctype html>${await document.toString()}`,
      latest(newest?.published, ...shown.map((article) => article.updated ?? article.published)),
      { 'content-type': htmlType, 'cache-control': cacheControl.page },
    )
  }
  const response = await sharedRender(c, rendered, key, render)
  return respondRendered(c, response)
}

articles.get(paths.home, (c) => listPage(c, undefined))
articles.get(routePatterns.tag, (c) => listPage(c, { kind: 'tag', name: c.req.param('tag') ?? '' }))
articles.get(routePatterns.author, (c) =>
  listPage(c, { kind: 'author', name: c.req.param('author') ?? '' }),
)

articles.get('/articles/:slug', async (c) => {
  const article = await findPublicArticle(c.req.param('slug'), c.env.ASSETS, Date.now())
  if (!article) return notFound(c)
  let loaded: Awaited<ReturnType<PublicComments['forArticle']>>
  try {
    loaded = await publicComments(c).forArticle(article.slug)
  } catch (error) {
    console.error(
      JSON.stringify({
        event: 'comments_unavailable',
        article: article.slug,
        error: String(error),
      }),
    )
    return c.html(await articleDocument(c, article, { kind: 'unavailable' }), 200, {
      'cache-control': cacheControl.none,
    })
  }

  const { approved, moderated } = loaded
  const replyTo = c.req.query('replyto')
  const editId = c.req.query('edit')
  // The reader's own comments, held ones included, are those whose edit cookie holds a
  // valid proof; a `?held=` id alone shows nothing, so a stranger with the id sees the
  // page as everyone does, and one without any cookie costs no KV read.
  const own = hasEditCookie(c.req.raw.headers) ? await ownComments(c, article, new Date()) : []
  if (replyTo !== undefined || editId !== undefined || own.length > 0) {
    // Personal views (a reader's own comments, a reply form) are never cached.
    const held = own.filter((comment) => comment.status === 'pending')
    const editing = own.find((comment) => comment.id === editId)
    const view = commentsView(approved, {
      heldComments: held.map(publicView),
      ...(replyTo ? { replyTo } : {}),
      own: ownView(
        own,
        editing ? { id: editing.id, values: editValues(editing), errors: {} } : undefined,
      ),
    })
    return c.html(await articleDocument(c, article, view), 200, {
      'cache-control': cacheControl.none,
    })
  }

  const origin = originOf(c)
  // Its section's stories change as scheduled articles come out: the page is
  // rendered again for each count, and is as new as the newest it shows.
  const more = await moreInSection(article, c.env.ASSETS, Date.now())
  // The view's version names its comments, alike in every isolate (shared-renders.ts).
  const key = `article|${article.slug}|${origin}|${moderated ?? 'none'}|${more?.visible ?? 0}`
  const response = await sharedRender(c, rendered, key, async () =>
    renderedResponse(
      await articleDocument(c, article, commentsView(approved, {}), more),
      latest(
        article.updated,
        article.published,
        moderated,
        approved.at(-1)?.created,
        ...(more?.stories ?? []).map((story) => story.updated ?? story.published),
      ),
      // Vary: a browser that has since been given an edit cookie asks again for its own view.
      { 'content-type': htmlType, 'cache-control': cacheControl.comments, vary: 'Cookie' },
    ),
  )
  return respondRendered(c, response)
})
