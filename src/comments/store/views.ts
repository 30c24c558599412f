import { ownEntry } from '../../lib/own-entry'
import type { PublicComment } from '../types'
import type { Loaded } from './memo'
import { memoWindows } from './memo-windows'

/*
 * What readers read of comments: the values the view updater (readers-view.ts)
 * writes and readers read through the store, and the rule that keeps their
 * versions. Pure, so readers' memos and the versions' rule are tested in-process.
 */

/** Approved comment counts, written by the view updater; `updated` feeds Last-Modified. */
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
  views: Record<string, string>
}

export const noVersions: ViewVersions = { since: null, views: {} }

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
}

export function viewHold(versions: ViewVersions, article: string, now: number): ViewHold {
  const version = ownEntry(versions.views, article)
  if (version !== undefined) return { tag: version, version, keptMs: memoWindows.viewsMs }
  const since = versions.since === null ? Number.NaN : Date.parse(versions.since)
  if (now - since >= memoWindows.versionsListedMs) {
    return { tag: 'unchanged', keptMs: memoWindows.viewsMs }
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
  now: Date,
): ViewVersions {
  const views: Record<string, string> = {}
  for (const [article, version] of Object.entries(versions.views)) {
    if (isListed(version, now)) views[article] = version
  }
  for (const [article, view] of changedViews) {
    if (view.updated !== null) views[article] = view.updated
  }
  return { since: versions.since ?? now.toISOString(), views }
}

/** Whether a view changed at `version` is still named by the versions at `now`. */
export function isListed(version: string, now: Date): boolean {
  return now.getTime() - Date.parse(version) <= memoWindows.versionsListedMs
}
