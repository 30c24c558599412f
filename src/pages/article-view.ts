import type { Context } from 'hono'
import { type AppEnv, config, originOf } from '../app/context'
import { threadComments } from '../comments/thread'
import type { PublicComment } from '../comments/types'
import { articleBody, site } from '../content/index'
import { type MoreInSection, moreInSection } from '../content/sections'
import type { ArticleMeta } from '../content/types'
import { paths } from '../paths'
import { commentFeedLinks, listFeedLinks, siteFeedLinks, threadFeedLink } from './advertised-feeds'
import { ArticlePage, type CommentsView } from './article-page'
import { type CommentFormState, emptyForm } from './comment-form'
import type { OwnComments } from './comment-list'
import { newsArticleData, scriptSafeJson } from './structured-data'

/** How many approved comments the page shows; the comment feeds and JSON hold the rest. */
export const pageCommentCap = 200

/** Extra state of one page view: a refused post's form, held comments, a reply target. */
export interface PageExtras {
  form?: CommentFormState
  /** The reader's own comments still held for moderation. */
  heldComments?: PublicComment[]
  replyTo?: string
  own?: OwnComments
  /** The comment form's text, rendered as it will look (the Preview button). */
  preview?: string
}

/** Builds the comment section of an article page from its approved comments. */
export function commentsView(approved: readonly PublicComment[], extras: PageExtras): CommentsView {
  const held = extras.heldComments ?? []
  // An approved comment its author just edited is held again; readers' view may
  // still list the approved text until the view updater catches up (seconds
  // here, a minute elsewhere), and its author sees only the held one.
  const heldIds = new Set(held.map((comment) => comment.id))
  const shown = approved.filter((comment) => !heldIds.has(comment.id)).slice(-pageCommentCap)
  const withHeld = [...shown, ...held]
  const target = extras.replyTo
    ? approved.find((comment) => comment.id === extras.replyTo)
    : undefined
  return {
    kind: 'available',
    threads: threadComments(withHeld),
    count: approved.length,
    truncated: approved.length > shown.length,
    form: extras.form ?? emptyForm,
    heldIds: held.map((comment) => comment.id),
    ...(extras.own ? { own: extras.own } : {}),
    ...(extras.preview !== undefined ? { preview: extras.preview } : {}),
    ...(target ? { replyingTo: { id: target.id, author: target.author } } : {}),
  }
}

/**
 * Renders an article page as a full HTML document. `more` is its section's
 * other stories when the caller has read them already (to key its cache on them).
 */
export async function articleDocument<E extends AppEnv>(
  c: Context<E>,
  article: ArticleMeta,
  comments: CommentsView,
  more?: MoreInSection,
): Promise<string> {
  const origin = originOf(c)
  const { siteUrl, turnstileSiteKey } = config(c)
  const siteFeeds = siteFeedLinks(site, origin)
  const commentFeeds = commentFeedLinks(article, origin)
  const body = await articleBody(article, c.env.ASSETS)
  const section = more ?? (await moreInSection(article, c.env.ASSETS, Date.now()))
  const canonical = siteUrl + paths.article(article.slug)
  const structured = newsArticleData(article, { canonical, siteUrl, siteTitle: site.title })
  const page = ArticlePage({
    head: {
      language: article.language,
      title: `${article.title} — ${site.title}`,
      description: article.summary,
      canonical,
      feeds: [...siteFeeds, ...commentFeeds],
      ogType: 'article',
      siteTitle: site.title,
      ...(article.image ? { image: { ...article.image, url: siteUrl + article.image.url } } : {}),
      structuredData: scriptSafeJson(structured),
    },
    homeUrl: paths.home,
    article,
    body,
    comments,
    commentsAction: paths.comments(article.slug),
    previewAction: paths.commentPreview(article.slug),
    links: {
      reply: (id) => `${paths.article(article.slug)}?replyto=${id}#comment-form`,
      edit: (id) => `${paths.article(article.slug)}?edit=${id}#comment-${id}`,
      editAction: (id) => paths.commentEdit(article.slug, id),
      deleteAction: (id) => paths.commentDelete(article.slug, id),
      replies: (comment) => threadFeedLink(article, comment),
    },
    siteFeeds,
    commentFeeds,
    tagFeeds: article.tags.map((tag) => ({
      tag,
      feeds: listFeedLinks(site, { name: { kind: 'tag', name: tag } }, origin),
    })),
    ...(turnstileSiteKey ? { turnstileSiteKey } : {}),
    ...(section ? { more: section } : {}),
  })
  return `<!doctype html>${await page.toString()}`
}
