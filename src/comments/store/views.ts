import { ownEntry } from '../../lib/own-entry'
import type { PublicComment } from '../types'
import type { Loaded } from './memo'
import { memoWindows } from './memo-windows'

/*
 * What readers read of comments: the values the view updater (readers-view.ts)
 * writes and readers read through the store, and the rule that keeps their
 * versions. Pure, so readers' memos and the versions' rule are tested in-process.
 */

/** Approved comment counts, written by the view updater; `updated` feeds Last-Modified and names the feeds' renders. */
export interface CommentCounts {
  updated: string | null
  articles: Record<string, number>
}

/** What readers see of one article's comments, written by the view updater. */
export interface ArticleView {
  /** When the approved set last changed; null before it ever held a comment. */
  updated: string | null
  /** The approved comments' public views, oldest first. */
  comments: PublicComment[]
}

export const emptyView: ArticleView = { updated: null, comments: [] }

/**
 * The version of each article's view that changed in the last day, written by
 * the view updater: a view's version is its `updated`. Readers read this one
 * key per window and an article's view only when its version is new to them.
 */
export interface ViewVersions {
  /**
   * When the view updater first wrote the key. Until it is a day old the key
   * cannot say that an article it does not name has kept its view for a day
   * (the first deploy of versions, a lost key), so readers keep such a view
   * only the comments' window.
   */
  since: string | null
  /**
   * `\n<slug> <version>` for each view named, sorted by slug: one string, not
   * an object, since every isolate parses the key once per window, and a
   * string of thousands of entries parses several times faster than an object
   * of as many keys; one entry is then found by a binary search (`versionOf`).
   * Article slugs are lowercase ASCII kebab-case (the content schema), so
   * neither a space nor a line break is ever part of one.
   */
  views: string
  /**
   * What the view updater's latest run added to views where it only added
   * comments (those that fit in `addedBytesKept`, in the run's order): a data
   * centre holding the version before makes the new one of it without reading
   * the view. Absent when that run added nothing.
   */
  added?: Record<string, ViewAddition>
}

/** Comments one rewrite of a view added to the version before, and nothing else. */
export interface ViewAddition {
  /** The version added to: null where the view held no comment before. */
  from: string | null
  /** The version it made, the one `views` names while this stands beside it. */
  to: string
  /** The comments added, oldest first, as the view holds them. */
  comments: PublicComment[]
}

export const noVersions: ViewVersions = { since: null, views: '' }

/**
 * The version `versions` names for `article`'s view, if it names one. A binary
 * search over the sorted text, each step reading the first entry that begins
 * at or after its probe: a few microseconds where a scan for an article the
 * versions do not name (most of a large site's) reads all of them, every
 * request that looks. The entry sought, if there is one, begins in [lo, hi).
 */
export function versionOf(versions: ViewVersions, article: string): string | undefined {
  const { views } = versions
  if (article === '' || article.includes(' ') || article.includes('\n')) return undefined
  let lo = 0
  let hi = views.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const start = views.indexOf('\n', mid)
    if (start < 0 || start >= hi) {
      hi = mid
      continue
    }
    const space = views.indexOf(' ', start)
    const next = views.indexOf('\n', start + 1)
    const end = next < 0 ? views.length : next
    const slug = views.slice(start + 1, space < 0 || space > end ? end : space)
    if (slug === article) return space < 0 || space > end ? undefined : views.slice(space + 1, end)
    if (slug < article) lo = end
    else hi = mid
  }
  return undefined
}

/** Every article's version the views name, in the order written (the view updater's whole read). */
export function versionEntries(views: string): Map<string, string> {
  const entries = new Map<string, string>()
  for (const line of views.split('\n')) {
    const space = line.indexOf(' ')
    if (space > 0) entries.set(line.slice(0, space), line.slice(space + 1))
  }
  return entries
}

/** The versions' text: the entries sorted by slug, as `versionOf` searches them. */
function versionsText(entries: ReadonlyMap<string, string>): string {
  let text = ''
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [article, version] of sorted) text += `\n${article} ${version}`
  return text
}

/**
 * UTF-8 bytes of additions `v1:view-versions` carries at most: every isolate reads
 * the key once per window, so it stays small beside the versions themselves
 * (about 60 bytes an article changed in a day).
 */
export const addedBytesKept = 64 * 1024

/**
 * How readers hold an article's view, as the versions say: at its version,
 * as unchanged for a day, or, where the versions cannot tell, for the
 * comments' window as any other read.
 */
export interface ViewHold {
  /** What a copy of the view is named by: the version, `unchanged` or `unknown`. */
  tag: string
  /** The version a view read from KV must have to be kept, where the versions name one. */
  version?: string
  /** How long a copy may be kept, from its KV read. */
  keptMs: number
  /** What made `version` of the version before, where the versions carry it. */
  addition?: ViewAddition
}

/** The name of a copy of a view the versions say has not changed for a day. */
const unchangedTag = 'unchanged'

export function viewHold(versions: ViewVersions, article: string, now: number): ViewHold {
  const version = versionOf(versions, article)
  if (version !== undefined) {
    const addition = versions.added ? ownEntry(versions.added, article) : undefined
    return {
      tag: version,
      version,
      keptMs: memoWindows.viewsMs,
      ...(addition?.to === version ? { addition } : {}),
    }
  }
  const since = versions.since === null ? Number.NaN : Date.parse(versions.since)
  if (now - since >= memoWindows.versionsListedMs) {
    return { tag: unchangedTag, keptMs: memoWindows.viewsMs }
  }
  return { tag: 'unknown', keptMs: memoWindows.commentsMs }
}

/** An article's view for readers, and whether it is the version asked for. */
export interface ReadersView extends Loaded<ArticleView> {
  current: boolean
}

/**
 * The newest approved comments across every article, written by the view updater for
 * the site's comment feed: the same shape as an article's view, each comment naming
 * its article, oldest first.
 */
export type RecentComments = ArticleView

/**
 * The versions with the changed views' added, and those not changed for
 * `memoWindows.versionsListedMs` left out, which bounds the key by a day's
 * moderation rather than the site's age: an article left out has kept its
 * view that long, longer than readers keep a view read without a version.
 */
export function nextVersions(
  versions: ViewVersions,
  changedViews: ReadonlyMap<string, ArticleView>,
  additions: ReadonlyMap<string, ViewAddition>,
  now: Date,
): ViewVersions {
  const views = new Map<string, string>()
  for (const [article, version] of versionEntries(versions.views)) {
    if (isListed(version, now)) views.set(article, version)
  }
  for (const [article, view] of changedViews) {
    if (view.updated !== null) views.set(article, view.updated)
  }
  const added = keptAdditions(additions, views)
  return {
    since: versions.since ?? now.toISOString(),
    views: versionsText(views),
    ...(added ? { added } : {}),
  }
}

/**
 * This run's additions worth carrying: each the one that made the version
 * named, those that fit in `addedBytesKept`, in the run's order. An addition of
 * an earlier run is never carried on, so one outlives its run only until the
 * next: a run that withdrew a comment and failed before rewriting the versions
 * leaves readers able to make the comment again from the addition before it
 * (as readers holding that version still show it) only until a run succeeds.
 */
function keptAdditions(
  additions: ReadonlyMap<string, ViewAddition>,
  views: ReadonlyMap<string, string>,
): Record<string, ViewAddition> | undefined {
  const encoder = new TextEncoder()
  const added: Record<string, ViewAddition> = {}
  let bytes = 0
  for (const [article, addition] of additions) {
    if (views.get(article) !== addition.to) continue
    const size = encoder.encode(JSON.stringify([article, addition])).length
    if (bytes + size > addedBytesKept) continue
    bytes += size
    added[article] = addition
  }
  return bytes > 0 ? added : undefined
}

/**
 * The view `addition` makes of `base`, or undefined where `base` is not the
 * version it was made from (or already holds one of its comments). The same
 * view the updater wrote at `addition.to`, since it made that version by
 * adding these comments to that base.
 */
export function viewWithAddition(
  base: ArticleView,
  addition: ViewAddition,
): ArticleView | undefined {
  if (base.updated !== addition.from) return undefined
  const held = new Set(base.comments.map((comment) => comment.id))
  if (addition.comments.some((comment) => held.has(comment.id))) return undefined
  return { updated: addition.to, comments: [...base.comments, ...addition.comments].sort(byId) }
}

/**
 * The view `addition` makes where its version before was no view at all, or
 * where `kept` (what this data centre keeps of the article's view under a name)
 * holds that version, as a copy of it or as unchanged; undefined otherwise,
 * and the view is read.
 */
export async function viewMadeOfAddition(
  addition: ViewAddition,
  kept: (tag: string) => Promise<string | null | undefined>,
): Promise<ArticleView | undefined> {
  if (addition.from === null) return viewWithAddition(emptyView, addition)
  for (const tag of [addition.from, unchangedTag]) {
    const text = await kept(tag)
    const made = text ? viewWithAddition(JSON.parse(text) as ArticleView, addition) : undefined
    if (made) return made
  }
  return undefined
}

/** Comments in the order views hold them: ids begin with their creation time in a fixed-width base 36. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Whether a view changed at `version` is still named by the versions at `now`. */
export function isListed(version: string, now: Date): boolean {
  return now.getTime() - Date.parse(version) <= memoWindows.versionsListedMs
}
