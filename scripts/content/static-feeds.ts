import type { Article, SiteSettings } from '../../src/content/types'
import { archiveLayout } from '../../src/feeds/archive'
import { articleFeed, streamOf } from '../../src/feeds/article-feed'
import { contentTypeOf, feedFormatIds, feedFormats } from '../../src/feeds/formats'
import { cacheControl } from '../../src/http/cache-control'
import { publicRead } from '../../src/http/public-read'
import { paths, routePatterns } from '../../src/paths'
import { websubLinkHeader } from '../../src/websub/link-header'
import { keyOf } from './build-state'
import type { BuiltArticle, BuiltList, OutputFile } from './lists'

/**
 * Feeds as static assets (site.yaml `feeds: static`): the site's, each tag's
 * and each author's feeds in every format, with their archive pages, written
 * at their URL paths so Cloudflare answers them without running the Worker.
 * A file cannot change by itself, so what it cannot say honestly is left out
 * or left to the Worker: the comment counts (never in these files), and every
 * list with an article scheduled after the build (no file: the request falls
 * through to the Worker, which shows the article at its instant).
 */

/** The asset path of a feed's URL path, or undefined when the router might not map it back. */
export function assetPathOf(urlPath: string): string | undefined {
  const segments = urlPath.split('/').map((segment) => decodeURIComponent(segment))
  // A decoded `/` would split the name into folders; `%`, `?`, `#`, `\` and dot
  // names are where URL and file name could be read apart. Such a feed is the Worker's.
  const unsafe = (segment: string) =>
    /[/\\%?#\p{Cc}]/u.test(segment) || segment === '.' || segment === '..'
  return segments.some(unsafe) ? undefined : segments.join('/')
}

/** What the build writes for the static feeds, and what it leaves to the Worker. */
export interface StaticFeeds {
  /** Asset files by path (decoded, as the router looks them up). */
  files: Map<string, OutputFile>
  /** Feed folders (URL paths) of the lists with an article still to come out: the Worker's. */
  scheduledFolders: string[]
  /** The last of those articles' `published`: a deploy after it writes every feed again. */
  lastScheduled?: string
  /** Feed documents (a subscription feed or an archive page, every format) left out for the file budget. */
  overBudget: number
}

export interface StaticFeedsInput {
  site: SiteSettings
  lists: readonly BuiltList[]
  /** The canonical origin (SITE_URL): a file answers every host with the same links. */
  origin: string
  /** Names the feed renderers' code, so a change to them writes every feed again. */
  rendererStamp: string
  withBody: (entry: BuiltArticle) => Article
  /** How many files the feeds may add to the assets (a version holds a limited number). */
  fileBudget: number
}

/** One feed document of a list: its subscription feed or an archive page. */
interface FeedDocument {
  list: BuiltList
  /** Its folder's URL path. */
  folder: string
  start: number
  end: number
  pageCount: number
  archivePage?: number
}

/**
 * The static feed files of the lists that have nothing scheduled, as many as
 * the budget holds: every subscription feed first (the site's, then the lists
 * with the most articles, likeliest polled), then archive pages (read once by a
 * reader catching up). What is left out stays the Worker's.
 */
export function staticFeeds(input: StaticFeedsInput): StaticFeeds {
  const { site } = input
  const scheduledFolders: string[] = []
  let lastScheduled: string | undefined
  const subscriptions: FeedDocument[] = []
  const archives: FeedDocument[] = []
  for (const list of input.lists) {
    const waiting = list.head.scheduled
    if (waiting.length > 0) {
      scheduledFolders.push(list.feedFolder)
      const last = waiting[waiting.length - 1] as string
      if (lastScheduled === undefined || Date.parse(last) > Date.parse(lastScheduled))
        lastScheduled = last
      continue
    }
    const count = list.entries.length
    const { pageCount, currentStart } = archiveLayout(count, site.feedSize)
    subscriptions.push({
      list,
      folder: list.feedFolder,
      start: currentStart,
      end: count,
      pageCount,
    })
    for (let page = 1; page <= pageCount; page++) {
      archives.push({
        list,
        folder: paths.archiveFeeds(list.feedFolder, page),
        start: (page - 1) * site.feedSize,
        end: page * site.feedSize,
        pageCount,
        archivePage: page,
      })
    }
  }
  // The site's list comes first and stays first (a stable sort).
  subscriptions.sort((a, b) =>
    a.list.name === undefined ? -1 : b.list.name === undefined ? 1 : b.end - a.end,
  )
  const files = new Map<string, OutputFile>()
  let overBudget = 0
  for (const document of [...subscriptions, ...archives]) {
    const folder = assetPathOf(document.folder)
    if (folder === undefined) continue
    if (files.size + feedFormatIds.length > input.fileBudget) {
      overBudget++
      continue
    }
    for (const [path, file] of documentFiles(input, document)) files.set(folder + path, file)
  }
  return { files, scheduledFolders, ...(lastScheduled ? { lastScheduled } : {}), overBudget }
}

/** One document's file in every format, by file name; rendered once, when a file is written. */
function documentFiles(input: StaticFeedsInput, document: FeedDocument): Map<string, OutputFile> {
  const { site, origin } = input
  const { list, pageCount, archivePage } = document
  const entries = list.entries.slice(document.start, document.end)
  const key = keyOf(
    input.rendererStamp,
    JSON.stringify([
      site.title,
      site.description,
      site.language,
      site.idAuthority,
      site.feedSize,
      site.websubHub ?? null,
    ]),
    origin,
    document.folder,
    String(pageCount),
    entries.map((entry) => entry.hash).join(''),
  )
  let rendered: ReturnType<typeof articleFeed> | undefined
  const render = () => {
    if (rendered) return rendered
    const articles = entries.map(input.withBody).reverse()
    const bodies = new Map(articles.map((article) => [article.slug, article.html]))
    rendered = articleFeed({
      site,
      stream: streamOf(site, list),
      articles,
      archivePages: pageCount,
      ...(archivePage === undefined ? {} : { archivePage }),
      origin,
      bodyOf: (slug) => {
        const body = bodies.get(slug)
        if (body === undefined) throw new Error(`no body for feed entry ${slug}`)
        return body
      },
    })
    return rendered
  }
  return new Map(
    feedFormatIds.map((format) => [
      feedFormats[format].file,
      { key: keyOf(key, format), content: () => feedFormats[format].render(render()) },
    ]),
  )
}

/** The feed folders' URL patterns, as `_headers` writes them (`:name` is one segment). */
const folderPatterns = [paths.siteFeeds, routePatterns.tagFeeds, routePatterns.authorFeeds]

/**
 * The `_headers` rules that give the static feeds the Worker's headers: its
 * Content-Type, Cache-Control (replacing the assets' own), CORS for a GET and,
 * with a WebSub hub, the Link header naming hub and feed. X-Content-Type-Options comes from
 * the rule for every asset.
 */
export function staticFeedHeaders(site: SiteSettings, origin: string): string {
  const rules: string[] = []
  for (const folder of folderPatterns) {
    for (const format of feedFormatIds) {
      const { file } = feedFormats[format]
      // As the Worker's CORS answers a GET; a preflight (OPTIONS) the asset server cannot answer.
      const shared =
        `  Content-Type: ${contentTypeOf(format)}\n` +
        `  Access-Control-Allow-Origin: ${publicRead.origin}\n` +
        `  Access-Control-Expose-Headers: ${publicRead.exposeHeaders.join(',')}\n`
      const link = site.websubHub
        ? `  Link: ${websubLinkHeader(site.websubHub, origin + folder + file)}\n`
        : ''
      rules.push(
        `${folder}${file}\n  ! Cache-Control\n  Cache-Control: ${cacheControl.feed}\n${shared}${link}`,
        `${paths.archiveFeeds(folder, ':page')}${file}\n  ! Cache-Control\n  Cache-Control: ${cacheControl.archive}\n${shared}`,
      )
    }
  }
  return rules.join('')
}

/** What the build says of the feeds it left to the Worker, if any: one line each cause. */
export function staticFeedsNotices(feeds: StaticFeeds, fileLimit: number): string[] {
  const notices: string[] = []
  if (feeds.lastScheduled !== undefined) {
    const count = feeds.scheduledFolders.length
    notices.push(
      `Static feeds: ${count} feed folder(s) (${feeds.scheduledFolders.join(', ')}) have articles ` +
        `scheduled after this build, so the Worker serves them and shows each article on time; ` +
        `deploy again after ${new Date(feeds.lastScheduled).toISOString()} to serve them as static files.`,
    )
  }
  if (feeds.overBudget > 0) {
    notices.push(
      `Static feeds: ${feeds.overBudget} feed(s) or archive page(s) stay the Worker's: as files they ` +
        `would take the assets past ${fileLimit.toLocaleString('en-US')} files, a version's limit ` +
        `on the free plan.`,
    )
  }
  return notices
}
