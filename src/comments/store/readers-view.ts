import { publicView } from '../public-view'
import type { PublicComment, StoredComment } from '../types'
import {
  type ArticleView,
  byId,
  type CommentCounts,
  isListed,
  nextVersions,
  type RecentComments,
  type ViewAddition,
  type ViewVersions,
  versionOf,
} from './views'

/** How many of the newest approved comments across articles `v1:recent` holds. */
export const recentCommentsKept = 50

/**
 * A comment whose place in what readers see may have changed: it was added,
 * moderated, edited, deleted or restored. Requests never rewrite the readers'
 * keys themselves; they send these to a queue whose one consumer at a time
 * (max_concurrency = 1) applies them here, so two moderators approving at once
 * can never lose each other's change, and a bulk action writes each key once.
 */
export interface ViewChange {
  article: string
  id: string
}

/** The change of one comment, as the view updater takes it. */
export function viewChange(comment: { article: string; id: string }): ViewChange {
  return { article: comment.article, id: comment.id }
}

/** The queue the changes travel on (wrangler.toml), which the Worker's queue() tells apart. */
export const viewUpdatesQueue = 'comment-view-updates'

/** What one run of the updater rewrote. */
export interface ViewUpdate {
  /** Articles whose approved comments changed: readers' caches of these are stale. */
  articles: string[]
}

/** The store's part the view updater reads and writes (store.ts). */
export interface ViewUpdaterStore {
  getMany(ids: readonly string[]): Promise<Map<string, StoredComment>>
  view(article: string): Promise<ArticleView>
  pendingIds(article: string): Promise<string[]>
  versions(): Promise<ViewVersions>
  counts(): Promise<CommentCounts>
  recent(): Promise<RecentComments>
  writeView(article: string, view: ArticleView): Promise<void>
  writePending(article: string, ids: readonly string[]): Promise<void>
  writeVersions(versions: ViewVersions): Promise<void>
  writeCounts(counts: CommentCounts): Promise<void>
  writeRecent(recent: RecentComments): Promise<void>
}

/**
 * Brings the views of the changed comments' articles in line with the comments
 * as stored now. Each comment is read again, so a change applied twice, late or
 * out of order still leaves the view as the store says: the queue may deliver a
 * message more than once, and retries a batch whole when a write fails. So an
 * article counts as changed where its view was rewritten now or where an
 * earlier try rewrote it and failed before `v1:view-versions` named it: the versions
 * are written last, after the counts and the recent comments, and name only
 * what all of those hold.
 */
export async function applyViewChanges(
  store: ViewUpdaterStore,
  changes: readonly ViewChange[],
  now: Date,
): Promise<ViewUpdate> {
  const idsByArticle = new Map<string, Set<string>>()
  for (const { article, id } of changes) {
    const ids = idsByArticle.get(article) ?? new Set<string>()
    ids.add(id)
    idsByArticle.set(article, ids)
  }
  const [stored, versions] = await Promise.all([
    store.getMany([...new Set(changes.map((change) => change.id))]),
    store.versions(),
  ])
  const changedViews = new Map<string, ArticleView>()
  const additions = new Map<string, ViewAddition>()
  for (const [article, ids] of idsByArticle) {
    const [view, pending] = await Promise.all([store.view(article), store.pendingIds(article)])
    const { next, addition } = nextView(view, article, ids, stored, now)
    const nextPending = nextPendingIds(pending, article, ids, stored)
    if (addition) additions.set(article, addition)
    if (next !== view) await store.writeView(article, next)
    if (next !== view || unfinished(versions, article, next, now)) changedViews.set(article, next)
    if (nextPending !== pending) await store.writePending(article, nextPending)
  }
  if (changedViews.size > 0) {
    const counts: CommentCounts = await store.counts()
    for (const [article, view] of changedViews) {
      if (view.comments.length > 0) counts.articles[article] = view.comments.length
      else delete counts.articles[article]
    }
    // Feeds' renders are named by it (shared-renders.ts): each change needs a new one.
    counts.updated = laterThan(counts.updated, now)
    await store.writeCounts(counts)
    const recent = await store.recent()
    const nextRecent = nextRecentComments(recent, changedViews, now)
    if (nextRecent !== recent) await store.writeRecent(nextRecent)
    // Last, and after the views they name: a reader that sees a version and reads
    // its view before KV has it everywhere shows the older view without keeping it
    // (store.readersView).
    await store.writeVersions(nextVersions(versions, changedViews, additions, now))
  }
  return { articles: [...changedViews.keys()] }
}

/**
 * Whether an earlier try rewrote `view` and stopped before the versions named
 * it: a view changed within the versions' day that they do not name at its version.
 */
function unfinished(
  versions: ViewVersions,
  article: string,
  view: ArticleView,
  now: Date,
): boolean {
  if (view.updated === null || !isListed(view.updated, now)) return false
  return versionOf(versions, article) !== view.updated
}

/**
 * The view with `ids` as stored now (the same object when nothing readers see
 * changed) and, where it only added comments to `view`, what it added.
 */
function nextView(
  view: ArticleView,
  article: string,
  ids: ReadonlySet<string>,
  stored: ReadonlyMap<string, StoredComment>,
  now: Date,
): { next: ArticleView; addition?: ViewAddition } {
  const kept = view.comments.filter((comment) => !ids.has(comment.id))
  const added = [...ids]
    .flatMap((id) => {
      const comment = stored.get(id)
      return comment?.article === article && comment.status === 'approved'
        ? [publicView(comment)]
        : []
    })
    .sort(byId)
  const next = withComments(view, [...kept, ...added].sort(byId), now)
  if (next === view || next.updated === null || kept.length !== view.comments.length) {
    return { next }
  }
  return { next, addition: { from: view.updated, to: next.updated, comments: added } }
}

/**
 * The newest approved comments across articles with the changed articles' views as they
 * are now: their old entries dropped, their approved comments taken again, the newest
 * kept. The same object when nothing readers see changed. A comment withdrawn from a full
 * list leaves the list one shorter, since the next older comment of an unchanged article
 * is not known here; the next approvals fill it again.
 */
function nextRecentComments(
  recent: RecentComments,
  changedViews: ReadonlyMap<string, ArticleView>,
  now: Date,
): RecentComments {
  const kept = recent.comments.filter((comment) => !changedViews.has(comment.article))
  const comments = [...kept, ...[...changedViews.values()].flatMap((view) => view.comments)]
    .sort(byId)
    .slice(-recentCommentsKept)
  return withComments(recent, comments, now)
}

/**
 * A list of public comments (an article's view, the recent comments) holding
 * `comments` from `now`; the same object when readers would see no difference,
 * which tells the caller to write nothing.
 */
function withComments(list: ArticleView, comments: PublicComment[], now: Date): ArticleView {
  if (JSON.stringify(comments) === JSON.stringify(list.comments)) return list
  return { updated: laterThan(list.updated, now), comments }
}

/**
 * `now`, or a millisecond after `previous` where a clock put it at or before
 * that: `updated` is a view's version (ViewVersions), so each rewrite needs a
 * new one, and ISO instants of one length sort as text.
 */
function laterThan(previous: string | null, now: Date): string {
  const instant = now.toISOString()
  if (previous === null || instant > previous) return instant
  return new Date(Date.parse(previous) + 1).toISOString()
}

/** The pending ids with `ids` as stored now; the same array when none moved. */
function nextPendingIds(
  pending: readonly string[],
  article: string,
  ids: ReadonlySet<string>,
  stored: ReadonlyMap<string, StoredComment>,
): string[] {
  const next = pending.filter((id) => !ids.has(id))
  for (const id of ids) {
    const comment = stored.get(id)
    if (comment?.article === article && comment.status === 'pending') next.push(id)
  }
  next.sort()
  const same = next.length === pending.length && next.every((id, i) => id === pending[i])
  return same ? (pending as string[]) : next
}
