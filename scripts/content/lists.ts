import { paths } from '../../src/app/paths'
import { dataFiles, listChunkSize, tagKey } from '../../src/content/data-files'
import type {
  Article,
  ArticleMeta,
  ListHead,
  NewestEntries,
  SiteSettings,
  TagHead,
} from '../../src/content/types'
import { archiveLayout } from '../../src/feeds/archive'
import { keyOf } from './build-state'

/** An article of the build with its content hash (which names its metadata and body). */
export interface BuiltArticle {
  meta: ArticleMeta
  hash: string
  /** meta.published in ms, parsed once: every list, the sitemap and the manifest order by it. */
  publishedAt: number
}

/** One list the Worker pages through and feeds from: the site's, or one tag's. */
export interface BuiltList {
  /** The tag, for a tag's list. */
  tag?: string
  /** Oldest first. */
  entries: BuiltArticle[]
  head: ListHead
  chunkPath: (chunk: number) => string
  /** Its newest file (NewestEntries). */
  newestPath: string
  /** The folder of its subscription feeds (`/`, `/tags/<tag>/`). */
  feedFolder: string
}

/**
 * The head of a list: its size, the `published` of its entries still ahead of
 * `now`, and where its newest file starts: the subscription feed's oldest
 * entry with only the entries out now, which the scheduled ones can only move
 * on (archiveLayout's start never decreases with the count).
 */
function headOf(entries: readonly BuiltArticle[], now: number, feedSize: number): ListHead {
  const scheduled: string[] = []
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as BuiltArticle
    if (entry.publishedAt <= now) break
    scheduled.unshift(entry.meta.published)
  }
  const out = entries.length - scheduled.length
  return {
    count: entries.length,
    scheduled,
    newestFrom: archiveLayout(out, feedSize).currentStart,
  }
}

/**
 * The site's list and every tag's, from the articles oldest first. Fails,
 * naming both, if two tags share a file key (tagKey), which the Worker could
 * not tell apart.
 */
export function buildLists(
  oldestFirst: readonly BuiltArticle[],
  now: number,
  feedSize: number,
): { lists: BuiltList[]; errors: string[] } {
  const byTag = new Map<string, BuiltArticle[]>()
  for (const entry of oldestFirst) {
    for (const tag of entry.meta.tags) {
      const list = byTag.get(tag)
      if (list) list.push(entry)
      else byTag.set(tag, [entry])
    }
  }
  const lists: BuiltList[] = [
    {
      entries: [...oldestFirst],
      head: headOf(oldestFirst, now, feedSize),
      chunkPath: dataFiles.siteList,
      newestPath: dataFiles.siteNewest,
      feedFolder: paths.siteFeeds,
    },
  ]
  const keys = new Map<string, string>()
  const errors: string[] = []
  for (const [tag, entries] of byTag) {
    const key = tagKey(tag)
    const other = keys.get(key)
    if (other !== undefined) {
      errors.push(`tags "${other}" and "${tag}" share the file key ${key}; rename one of them`)
    }
    keys.set(key, tag)
    lists.push({
      tag,
      entries,
      head: headOf(entries, now, feedSize),
      chunkPath: (chunk) => dataFiles.tagList(key, chunk),
      newestPath: dataFiles.tagNewest(key),
      feedFolder: paths.tagFeeds(tag),
    })
  }
  return { lists, errors }
}

/** One asset file: a key naming its content, and the content, made only when written. */
export interface OutputFile {
  key: string
  content: () => string
}

/**
 * The files of one list: its chunks of metas, its newest file (the entries a
 * subscription feed shows, with `withBody`'s bodies) and a tag's head.
 */
export function listFiles(
  list: BuiltList,
  withBody: (entry: BuiltArticle) => Article,
): Map<string, OutputFile> {
  const files = new Map<string, OutputFile>()
  for (let start = 0, chunk = 0; start < list.entries.length; start += listChunkSize, chunk++) {
    const entries = list.entries.slice(start, start + listChunkSize)
    files.set(list.chunkPath(chunk), {
      // A chunk changes only when one of its articles does: its key is their
      // hashes, of one length, so joined as one string.
      key: keyOf(entries.map((entry) => entry.hash).join('')),
      content: () => JSON.stringify(entries.map((entry) => entry.meta)),
    })
  }
  const newest = list.entries.slice(list.head.newestFrom)
  files.set(list.newestPath, {
    // Like a chunk's, its key is its articles' hashes: it changes when a new
    // article arrives or one it shows is edited, not with the archive behind it.
    key: keyOf(newest.map((entry) => entry.hash).join('')),
    content: () => JSON.stringify(newest.map(withBody) satisfies NewestEntries),
  })
  if (list.tag !== undefined) {
    const head: TagHead = { tag: list.tag, ...list.head }
    const text = JSON.stringify(head)
    files.set(dataFiles.tagHead(tagKey(list.tag)), { key: keyOf(text), content: () => text })
  }
  return files
}

/**
 * What each subscription feed says with the articles out at build time, as a
 * digest per feed folder, for the WebSub announcer (src/websub/). Lists with
 * nothing out yet have none. The hashes name each article's metadata and body.
 */
export function feedDigests(
  site: SiteSettings,
  lists: readonly BuiltList[],
): Record<string, string> {
  const settings = JSON.stringify([
    site.title,
    site.description,
    site.language,
    site.feedSize,
    site.websubHub ?? null,
  ])
  const digests: Record<string, string> = {}
  for (const list of lists) {
    const out = list.head.count - list.head.scheduled.length
    if (out === 0) continue
    const shown = list.entries.slice(list.head.newestFrom, out).map((entry) => entry.hash)
    digests[list.feedFolder] = keyOf(settings, shown.join('')).slice(0, 24)
  }
  return digests
}
