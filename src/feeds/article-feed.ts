import type { ArticleMeta, ListKind, ListName, SiteSettings } from '../content/types'
import { ids, paths } from '../paths'
import { absoluteLinks } from './absolute-links'
import { feedUrls } from './formats'
import type { FeedDocument, FeedEntry, FeedHistory } from './model'

/** Which stream of articles a feed carries: the whole site's, or one tag's. */
export interface ArticleStream {
  id: string
  title: string
  /** The folder of the stream's subscription feeds, a path (`/`, `/tags/<tag>/`). */
  folder: string
  /** The HTML page listing the same articles, a path. */
  page: string
}

/** The site's stream of articles. */
export function siteStream(site: SiteSettings): ArticleStream {
  return {
    id: ids.siteFeed(site.idAuthority),
    title: site.title,
    folder: paths.siteFeeds,
    page: paths.home,
  }
}

/** Where each kind of named list lives: its id, its feeds' folder and its page. */
const namedAddresses: Record<
  ListKind,
  {
    id: (authority: string, name: string) => string
    folder: typeof paths.tag
    page: typeof paths.tag
  }
> = {
  tag: { id: ids.tagFeed, folder: paths.tagFeeds, page: paths.tag },
  author: { id: ids.authorFeed, folder: paths.authorFeeds, page: paths.author },
}

/** The folder of a tag's or an author's subscription feeds, a path. */
export function namedFeedFolder(list: ListName): string {
  return namedAddresses[list.kind].folder(list.name)
}

/** One tag's or one author's stream of articles (the name in NFC): "<site title>: <name>". */
export function namedStream(site: SiteSettings, list: ListName): ArticleStream {
  const addresses = namedAddresses[list.kind]
  return {
    id: addresses.id(site.idAuthority, list.name),
    title: `${site.title}: ${list.name}`,
    folder: namedFeedFolder(list),
    page: addresses.page(list.name),
  }
}

/** The stream of a list of articles: the site's, or the named list's when it names one. */
export function streamOf(site: SiteSettings, list: { name?: ListName }): ArticleStream {
  return list.name === undefined ? siteStream(site) : namedStream(site, list.name)
}

/** One feed document of a stream: its articles and where it sits in the archive. */
export interface ArticleFeedInput {
  site: SiteSettings
  stream: ArticleStream
  /** The feed's own articles, newest first. */
  articles: readonly ArticleMeta[]
  /** How many archive pages the stream has now (archive.ts). */
  archivePages: number
  /** The archive page these articles are (1 = oldest), or undefined for the subscription feed. */
  archivePage?: number
  origin: string
  /** Approved comments per article; left out of archive pages, which never change. */
  commentCount?: (slug: string) => number
  /** Body HTML of an article in the feed. */
  bodyOf: (slug: string) => string
}

function entryFor(input: ArticleFeedInput, article: ArticleMeta): FeedEntry {
  const { site, origin, commentCount } = input
  const published = new Date(article.published)
  return {
    id: ids.article(site.idAuthority, article.slug),
    url: origin + paths.article(article.slug),
    title: article.title,
    summary: article.summary,
    contentHtml: absoluteLinks(input.bodyOf(article.slug), origin + paths.article(article.slug)),
    published,
    updated: article.updated ? new Date(article.updated) : published,
    authors: article.authors,
    tags: article.tags,
    language: article.language,
    ...(article.image
      ? {
          image: {
            url: origin + article.image.url,
            type: article.image.type,
            length: article.image.length,
          },
        }
      : {}),
    replies: {
      pageUrl: `${origin}${paths.article(article.slug)}#comments`,
      feeds: feedUrls(origin + paths.commentFeeds(article.slug)),
      ...(commentCount ? { count: commentCount(article.slug) } : {}),
    },
  }
}

function historyOf(input: ArticleFeedInput): FeedHistory | undefined {
  const { archivePages: pageCount, archivePage: page, origin } = input
  const { folder } = input.stream
  const pageUrls = (n: number) => feedUrls(origin + paths.archiveFeeds(folder, n))
  if (page === undefined) {
    return pageCount > 0 ? { archive: false, prevArchive: pageUrls(pageCount) } : undefined
  }
  return {
    archive: true,
    current: feedUrls(origin + folder),
    ...(page > 1 ? { prevArchive: pageUrls(page - 1) } : {}),
    ...(page < pageCount ? { nextArchive: pageUrls(page + 1) } : {}),
  }
}

/**
 * Builds one feed document of a stream: the subscription feed (which names the
 * site's WebSub hub, if any) or an archive page.
 */
export function articleFeed(input: ArticleFeedInput): FeedDocument {
  const { site, origin, stream, archivePage } = input
  const entries = input.articles.map((a) => entryFor(input, a))
  const newest = entries.reduce((max, e) => Math.max(max, e.updated.getTime()), 0)
  const folder =
    archivePage === undefined ? stream.folder : paths.archiveFeeds(stream.folder, archivePage)
  const history = historyOf(input)
  return {
    // One logical feed: its archive pages share the subscription feed's id.
    id: stream.id,
    title: stream.title,
    publisher: site.title,
    description: site.description,
    language: site.language,
    homeUrl: origin + stream.page,
    links: feedUrls(origin + folder),
    updated: new Date(newest),
    entries,
    ...(site.websubHub && archivePage === undefined ? { hub: site.websubHub } : {}),
    ...(history ? { history } : {}),
  }
}
