import { renderCommentMarkdown } from '../comments/markdown'
import type { PublicComment } from '../comments/types'
import type { ArticleMeta, SiteSettings } from '../content/types'
import { ids, paths } from '../paths'
import { feedUrls } from './formats'
import type { FeedDocument, FeedEntry } from './model'

/** How many of the newest comments a comment feed holds. */
export const commentFeedSize = 50

/**
 * The approved parent of a comment, else its article: a reply whose parent is not public
 * answers the article, as the article page shows it at the top level.
 */
function answered(
  site: SiteSettings,
  article: ArticleMeta,
  origin: string,
  parent: string | undefined,
  approvedIds: ReadonlySet<string>,
): { id: string; url: string } {
  if (parent && approvedIds.has(parent))
    return {
      id: ids.comment(site.idAuthority, article.slug, parent),
      url: origin + paths.comment(article.slug, parent),
    }
  return {
    id: ids.article(site.idAuthority, article.slug),
    url: origin + paths.article(article.slug),
  }
}

/**
 * A commenter's name as feeds show it: the rules refuse `<` and `>` in names, and a name
 * stored before that rule loses them here, so no title reads as markup.
 */
function plainName(name: string): string {
  return name.replace(/[<>]/g, '')
}

/** How many characters of a comment its summary holds. */
const excerptLength = 200

/**
 * The comment's opening words as typed, on one line: the RSS description readers that know
 * no content module show (content:encoded holds the whole comment).
 */
function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  const characters = [...oneLine]
  if (characters.length <= excerptLength) return oneLine
  return `${characters
    .slice(0, excerptLength - 1)
    .join('')
    .trimEnd()}…`
}

function entryFor(
  site: SiteSettings,
  article: ArticleMeta,
  origin: string,
  comment: PublicComment,
  approvedIds: ReadonlySet<string>,
  titleOf: (author: string, articleTitle: string) => string = (author, articleTitle) =>
    `${author}: ${articleTitle}`,
): FeedEntry {
  const created = new Date(comment.created)
  const author = plainName(comment.author)
  return {
    id: ids.comment(site.idAuthority, article.slug, comment.id),
    url: origin + paths.comment(article.slug, comment.id),
    title: titleOf(author, article.title),
    summary: excerpt(comment.content),
    contentHtml: renderCommentMarkdown(comment.content),
    contentText: comment.content,
    published: created,
    updated: comment.edited ? new Date(comment.edited) : created,
    authors: [comment.url ? { name: author, url: comment.url } : { name: author }],
    tags: [],
    language: article.language,
    inReplyTo: answered(site, article, origin, comment.parent, approvedIds),
  }
}

/** Builds the feed of one article's approved comments, newest first. */
export function commentFeed(
  site: SiteSettings,
  article: ArticleMeta,
  origin: string,
  approved: readonly PublicComment[],
): FeedDocument {
  const newestFirst = approved.slice(-commentFeedSize).reverse()
  const approvedIds = new Set(approved.map((comment) => comment.id))
  const entries = newestFirst.map((comment) =>
    entryFor(site, article, origin, comment, approvedIds),
  )
  const published = new Date(article.updated ?? article.published)
  return {
    id: ids.commentFeed(site.idAuthority, article.slug),
    title: `${article.title} — ${site.title}`,
    publisher: site.title,
    description: article.summary,
    language: article.language,
    homeUrl: `${origin}${paths.article(article.slug)}#comments`,
    links: feedUrls(origin + paths.commentFeeds(article.slug)),
    updated: entries[0]?.updated ?? published,
    entries,
  }
}

/** The words of the site's comment feed, in the site's language (pages/i18n.ts). */
export interface SiteCommentFeedNames {
  title: string
  /** An entry's title, naming the comment's author and its article. */
  entryTitle: (author: string, articleTitle: string) => string
}

/**
 * Builds the site's comment feed: the newest approved comments across articles, newest
 * first, each entry naming its article. `recent` is oldest first; a comment whose article
 * is not out (`articleOf` gives none) is left out.
 */
export function siteCommentFeed(
  site: SiteSettings,
  origin: string,
  names: SiteCommentFeedNames,
  recent: readonly PublicComment[],
  articleOf: (slug: string) => ArticleMeta | undefined,
): FeedDocument {
  const shownIds = new Set(recent.map((comment) => comment.id))
  const entries = recent
    .slice(-commentFeedSize)
    .reverse()
    .flatMap((comment) => {
      const article = articleOf(comment.article)
      return article ? [entryFor(site, article, origin, comment, shownIds, names.entryTitle)] : []
    })
  return {
    id: ids.siteCommentFeed(site.idAuthority),
    title: names.title,
    publisher: site.title,
    description: site.description,
    language: site.language,
    homeUrl: origin + paths.home,
    links: feedUrls(origin + paths.siteCommentFeeds),
    updated: entries[0]?.updated ?? new Date(0),
    entries,
  }
}

/** A thread feed's title, which pages also give the link to it: "<author> — <article title>". */
export function threadFeedTitle(parentAuthor: string, articleTitle: string): string {
  return `${plainName(parentAuthor)} — ${articleTitle}`
}

/** Builds the feed of the replies under one approved comment, newest first. */
export function threadFeed(
  site: SiteSettings,
  article: ArticleMeta,
  origin: string,
  parent: PublicComment,
  replies: readonly PublicComment[],
): FeedDocument {
  const inThread = new Set([parent.id, ...replies.map((reply) => reply.id)])
  const entries = replies
    .slice(-commentFeedSize)
    .reverse()
    .map((comment) => entryFor(site, article, origin, comment, inThread))
  return {
    id: ids.threadFeed(site.idAuthority, article.slug, parent.id),
    title: threadFeedTitle(parent.author, article.title),
    publisher: site.title,
    description: article.summary,
    language: article.language,
    homeUrl: origin + paths.comment(article.slug, parent.id),
    links: feedUrls(origin + paths.threadFeeds(article.slug, parent.id)),
    updated: entries[0]?.updated ?? new Date(parent.edited ?? parent.created),
    entries,
  }
}
