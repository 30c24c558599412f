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
}

export interface StaticFeedsInput {
  site: SiteSettings
  lists: readonly BuiltList[]
  /** The canonical origin (SITE_URL): a file answers every host with the same links. */
  origin: string
  /** Names the feed renderers' code, so a change to them writes every feed again. */
  rendererStamp: string
  withBody: (entry: BuiltArticle) => Article
}

/** Every static feed file of the lists that have nothing scheduled. */
export function staticFeeds(input: StaticFeedsInput): StaticFeeds {
  const { site, origin } = input
  const files = new Map<string, OutputFile>()
  const scheduledFolders: string[] = []
  let lastScheduled: string | undefined
  const settings = JSON.stringify([
    site.title,
    site.description,
    site.language,
    site.idAuthority,
    site.feedSize,
    site.websubHub ?? null,
  ])
  for (const list of input.lists) {
    const waiting = list.head.scheduled
    if (waiting.length > 0) {
      scheduledFolders.push(list.feedFolder)
      const last = waiting[waiting.length - 1] as string
      if (lastScheduled === undefined || Date.parse(last) > Date.parse(lastScheduled))
        lastScheduled = last
      continue
    }
    const { pageCount, currentStart } = archiveLayout(list.entries.length, site.feedSize)
    const documents = [
      { folder: list.feedFolder, start: currentStart, end: list.entries.length },
      ...Array.from({ length: pageCount }, (_, n) => ({
        page: n + 1,
        folder: paths.archiveFeeds(list.feedFolder, n + 1),
        start: n * site.feedSize,
        end: (n + 1) * site.feedSize,
      })),
    ]
    for (const document of documents) {
      const folder = assetPathOf(document.folder)
      if (folder === undefined) continue
      const entries = list.entries.slice(document.start, document.end)
      const key = keyOf(
        input.rendererStamp,
        settings,
        origin,
        document.folder,
        String(pageCount),
        entries.map((entry) => entry.hash).join(''),
      )
      const render = () => {
        const articles = entries.map(input.withBody).reverse()
        const bodies = new Map(articles.map((article) => [article.slug, article.html]))
        return articleFeed({
          site,
          stream: streamOf(site, list),
          articles,
          archivePages: pageCount,
          ...('page' in document ? { archivePage: document.page } : {}),
          origin,
          bodyOf: (slug) => {
            const body = bodies.get(slug)
            if (body === undefined) throw new Error(`no body for feed entry ${slug}`)
            return body
          },
        })
      }
      for (const format of feedFormatIds) {
        files.set(folder + feedFormats[format].file, {
          key: keyOf(key, format),
          content: () => feedFormats[format].render(render()),
        })
      }
    }
  }
  return { files, scheduledFolders, ...(lastScheduled ? { lastScheduled } : {}) }
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

/** What the build says when lists are left to the Worker for their scheduled articles. */
export function scheduledFeedsNotice(feeds: StaticFeeds): string | undefined {
  if (feeds.lastScheduled === undefined) return undefined
  const count = feeds.scheduledFolders.length
  return (
    `Static feeds: ${count} feed folder(s) (${feeds.scheduledFolders.join(', ')}) have articles ` +
    `scheduled after this build, so the Worker serves them and shows each article on time; ` +
    `deploy again after ${feeds.lastScheduled} to serve them as static files.`
  )
}
