import { type Context, Hono } from 'hono'
import { type AppEnv, originOf, publicComments, respondHeld } from '../app/context'
import { findArticle, site } from '../content/index'
import { commentFeed } from '../feeds/comment-feed'
import { type FeedFormat, feedFormats } from '../feeds/formats'
import { cacheControl } from '../http/cache-control'
import { latest } from '../http/last-modified'
import { problemResponse, storeUnavailable } from '../http/problem'
import { RenderCache } from '../http/render-cache'
import { type HeldResponse, hold } from '../http/rendered'
import { notFound } from '../pages/not-found'

const held = new RenderCache<HeldResponse>(256)
const unavailable = () => problemResponse(storeUnavailable('Comments cannot be read right now.'))

const readComments = (c: Context<AppEnv>, slug: string) =>
  publicComments(c)
    .forArticle(slug)
    .catch(() => null)

/** An article's approved comments as JSON and as RSS, Atom and JSON Feed. */
export const commentReads = new Hono<AppEnv>()

commentReads.get('/articles/:slug/comments', async (c) => {
  const article = findArticle(c.req.param('slug'))
  if (!article) return notFound(c)
  const loaded = await readComments(c, article.slug)
  if (!loaded) return unavailable()
  const { approved, moderated } = loaded
  const response = await held.get(`json|${article.slug}|${approved.version}`, () =>
    hold(
      JSON.stringify({
        article: article.slug,
        count: approved.value.length,
        comments: approved.value,
      }),
      latest(article.published, approved.value.at(-1)?.created, moderated),
      {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': cacheControl.comments,
      },
    ),
  )
  return respondHeld(c, response)
})

const feedFiles: Array<[string, FeedFormat]> = [
  ['feed.xml', 'rss'],
  ['atom.xml', 'atom'],
  ['feed.json', 'json'],
]

for (const [file, format] of feedFiles) {
  commentReads.get(`/articles/:slug/comments/${file}`, async (c) => {
    const article = findArticle(c.req.param('slug'))
    if (!article) return notFound(c)
    const loaded = await readComments(c, article.slug)
    if (!loaded) return unavailable()
    const { approved, moderated } = loaded
    const origin = originOf(c)
    const response = await held.get(
      `${format}|${article.slug}|${origin}|${approved.version}`,
      () => {
        const doc = commentFeed(site, article, origin, approved.value)
        const { render, contentType } = feedFormats[format]
        return hold(render(doc), latest(doc.updated, moderated), {
          'content-type': contentType,
          'cache-control': cacheControl.comments,
        })
      },
    )
    return respondHeld(c, response)
  })
}
