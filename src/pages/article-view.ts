import type { Context } from 'hono'
import { type AppEnv, config, originOf } from '../app/context'
import { paths } from '../app/paths'
import { threadComments } from '../comments/thread'
import type { PublicComment } from '../comments/types'
import { articleBody, site } from '../content/index'
import type { ArticleMeta } from '../content/types'
import { commentFeedLinks, siteFeedLinks } from './advertised-feeds'
import { ArticlePage, type CommentsView } from './article-page'
import { type CommentFormState, emptyForm } from './comment-form'

/** How many approved comments the page shows; the comment feeds and JSON hold the rest. */
export const pageCommentCap = 200

/** Extra state of one page view: a refused post's form, a held comment, a reply target. */
export interface PageExtras {
  form?: CommentFormState
  heldComment?: PublicComment
  replyTo?: string
}

/** Builds the comment section of an article page from its approved comments. */
export function commentsView(approved: readonly PublicComment[], extras: PageExtras): CommentsView {
  const shown = approved.slice(-pageCommentCap)
  const withHeld = extras.heldComment ? [...shown, extras.heldComment] : shown
  const target = extras.replyTo
    ? approved.find((comment) => comment.id === extras.replyTo)
    : undefined
  return {
    kind: 'available',
    threads: threadComments(withHeld),
    count: approved.length,
    truncated: approved.length > shown.length,
    form: extras.form ?? emptyForm,
    ...(extras.heldComment ? { heldId: extras.heldComment.id } : {}),
    ...(target ? { replyingTo: { id: target.id, author: target.author } } : {}),
  }
}

/** Renders an article page as a full HTML document. */
export async function articleDocument<E extends AppEnv>(
  c: Context<E>,
  article: ArticleMeta,
  comments: CommentsView,
): Promise<string> {
  const origin = originOf(c)
  const { siteUrl, turnstileSiteKey } = config(c)
  const siteFeeds = siteFeedLinks(site, origin)
  const commentFeeds = commentFeedLinks(article, origin)
  const body = await articleBody(article, c.env.ASSETS)
  const page = ArticlePage({
    head: {
      language: article.language,
      title: `${article.title} — ${site.title}`,
      description: article.summary,
      canonical: siteUrl + paths.article(article.slug),
      feeds: [...siteFeeds, ...commentFeeds],
      ogType: 'article',
      siteTitle: site.title,
      ...(article.image ? { image: { ...article.image, url: siteUrl + article.image.url } } : {}),
    },
    homeUrl: paths.home,
    article,
    body,
    comments,
    commentsAction: paths.comments(article.slug),
    replyHref: (id) => `${paths.article(article.slug)}?replyto=${id}#comment-form`,
    siteFeeds,
    commentFeeds,
    ...(turnstileSiteKey ? { turnstileSiteKey } : {}),
  })
  return `<!doctype html>${await page.toString()}`
}
