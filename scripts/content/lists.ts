import { dataFiles, listChunkSize, listKey, sectionCardCount } from '../../src/content/data-files'
import { normaliseTag } from '../../src/content/tags'
import type {
  Article,
  ArticleMeta,
  AuthorProfile,
  ListHead,
  ListKind,
  ListName,
  NamedListHead,
  NewestEntries,
  SiteSettings,
  StoryCard,
} from '../../src/content/types'
import { archiveLayout } from '../../src/feeds/archive'
import { namedFeedFolder } from '../../src/feeds/article-feed'
import { paths } from '../../src/paths'
import { keyOf } from './build-state'

/** An article of the build with its content hash (which names its metadata and body). */
export interface BuiltArticle {
  meta: ArticleMeta
  hash: string
  /** meta.published in ms, parsed once: every list, the sitemap and the manifest order by it. */
  publishedAt: number
}

/** One list the Worker pages through and feeds from: the site's, one tag's or one author's. */
export interface BuiltList {
  /** The tag or author, for a named list. */
  name?: ListName
  /** An author's profile, for an author's list. */
  author?: AuthorProfile
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

/** The names an article joins the lists of, of one kind: its tags, or its authors' names (NFC). */
const namesOf: Record<ListKind, (meta: ArticleMeta) => string[]> = {
  tag: (meta) => meta.tags,
  author: (meta) => meta.authors.map((author) => normaliseTag(author.name)),
}

/** What the content says of authors beyond their articles: content/authors/<slug>.yaml by name. */
export type AuthorFiles = ReadonlyMap<string, Omit<AuthorProfile, 'url'>>

/**
 * The site's list, every tag's and every author's, from the articles oldest
 * first. Fails, naming both, if two names of one kind share a file key
 * (listKey), which the Worker could not tell apart.
 */
export function buildLists(
  oldestFirst: readonly BuiltArticle[],
  now: number,
  feedSize: number,
  authorFiles: AuthorFiles = new Map(),
): { lists: BuiltList[]; errors: string[] } {
  const lists: BuiltList[] = [
    {
      entries: [...oldestFirst],
      head: headOf(oldestFirst, now, feedSize),
      chunkPath: dataFiles.siteList,
      newestPath: dataFiles.siteNewest,
      feedFolder: paths.siteFeeds,
    },
  ]
  const errors: string[] = []
  for (const kind of ['tag', 'author'] as const) {
    const byName = new Map<string, BuiltArticle[]>()
    for (const entry of oldestFirst) {
      for (const name of new Set(namesOf[kind](entry.meta))) {
        const list = byName.get(name)
        if (list) list.push(entry)
        else byName.set(name, [entry])
      }
    }
    const keys = new Map<string, string>()
    for (const [name, entries] of byName) {
      const key = listKey(name)
      const other = keys.get(key)
      if (other !== undefined) {
        errors.push(
          `${kind}s "${other}" and "${name}" share the file key ${key}; rename one of them`,
        )
      }
      keys.set(key, name)
      lists.push({
        name: { kind, name },
        ...(kind === 'author' ? { author: authorProfile(name, entries, authorFiles) } : {}),
        entries,
        head: headOf(entries, now, feedSize),
        chunkPath: (chunk) => dataFiles.namedList(kind, key, chunk),
        newestPath: dataFiles.namedNewest(kind, key),
        feedFolder: namedFeedFolder({ kind, name }),
      })
    }
  }
  return { lists, errors }
}

/** An author's profile: their file's bio and links, and the url their newest article gives them. */
function authorProfile(
  name: string,
  oldestFirst: readonly BuiltArticle[],
  authorFiles: AuthorFiles,
): AuthorProfile {
  let url: string | undefined
  for (let i = oldestFirst.length - 1; i >= 0 && url === undefined; i--) {
    const credited = (oldestFirst[i] as BuiltArticle).meta.authors.find(
      (author) => normaliseTag(author.name) === name,
    )
    url = credited?.url
  }
  const file = authorFiles.get(name)
  return {
    ...(url ? { url } : {}),
    ...(file?.bio ? { bio: file.bio } : {}),
    links: file?.links ?? [],
  }
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
  if (list.name !== undefined) {
    const head: NamedListHead = {
      list: list.name,
      ...list.head,
      ...(list.author ? { author: list.author } : {}),
      ...(list.name.kind === 'tag' ? { latest: latestCards(list) } : {}),
    }
    const text = JSON.stringify(head)
    files.set(dataFiles.listHead(list.name.kind, listKey(list.name.name)), {
      key: keyOf(text),
      content: () => text,
    })
  }
  return files
}

/**
 * A tag's last entries as cards (NamedListHead.latest): the scheduled ones and
 * enough before them that, whichever have come out, an article's section
 * shows sectionCardCount others besides itself.
 */
function latestCards(list: BuiltList): StoryCard[] {
  const from = Math.max(0, list.entries.length - list.head.scheduled.length - sectionCardCount - 1)
  return list.entries.slice(from).map(({ meta }) => ({
    slug: meta.slug,
    title: meta.title,
    language: meta.language,
    published: meta.published,
    ...(meta.updated ? { updated: meta.updated } : {}),
    authors: meta.authors,
    ...(meta.image ? { image: meta.image } : {}),
  }))
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
