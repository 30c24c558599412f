import { publicView } from '../public-view'
import type { PublicComment } from '../types'
import { type Loaded, Memo } from './memo'
import { memoWindows } from './memo-windows'
import {
  type ArticleView,
  type CommentCounts,
  type ReadersView,
  type RecentComments,
  type ViewHold,
  type ViewVersions,
  viewHold,
} from './views'

// One entry per article read in this isolate, at one version; the least recently loaded go first.
const viewMemo = new Memo<ArticleView>(memoWindows.viewsMs, 500)
const versionsMemo = new Memo<ViewVersions>(memoWindows.commentsMs, 1)
const countsMemo = new Memo<CommentCounts>(memoWindows.countsMs, 1)
const recentMemo = new Memo<RecentComments>(memoWindows.commentsMs, 1)

/** An article's approved comments, and when moderation last changed them. */
export interface ArticleComments {
  approved: PublicComment[]
  moderated: string | null
}

/** What readers read through the data centre's cache: the store's part for them (store.ts). */
export interface ReadersStore {
  readersVersions(windowMs: number): Promise<Loaded<ViewVersions>>
  readersView(article: string, hold: ViewHold): Promise<ReadersView>
  readersCounts(windowMs: number): Promise<Loaded<CommentCounts>>
  readersRecent(windowMs: number): Promise<Loaded<RecentComments>>
}

/**
 * What readers see of comments, memoised per isolate over the store, which
 * reads it through the data centre's cache, never with a listing: the view
 * versions, the counts and the recent comments at most once per data centre
 * and window; an article's view once per data centre and version (or, for one
 * unchanged for a day, once per `memoWindows.viewsMs`; views.ts `viewHold`).
 */
export class PublicComments {
  constructor(private readonly store: ReadersStore) {}

  /** An article's approved comments, oldest first, and when they last changed. */
  async forArticle(article: string): Promise<ArticleComments> {
    const versions = await versionsMemo.get('all', () =>
      this.store.readersVersions(memoWindows.commentsMs),
    )
    const now = Date.now()
    const hold = viewHold(versions, article, now)
    const value = await viewMemo.get(
      article,
      async () => {
        const read = await this.store.readersView(article, hold)
        return {
          // A view written before a rule changed is shown as publicView shows comments now.
          value: { ...read.value, comments: read.value.comments.map(publicView) },
          readAt: read.readAt,
          // Not yet the version asked for: shown, and asked for again after the comments' window.
          keptMs: read.current ? hold.keptMs : memoWindows.commentsMs,
        }
      },
      now,
      hold.tag,
    )
    return { approved: value.comments, moderated: value.updated }
  }

  /** An article's approved comments, oldest first. */
  async approved(article: string): Promise<PublicComment[]> {
    return (await this.forArticle(article)).approved
  }

  /** Approved comment counts by article. */
  counts(): Promise<CommentCounts> {
    return countsMemo.get('all', () => this.store.readersCounts(memoWindows.countsMs))
  }

  /** The newest approved comments across articles, oldest first: one read of `v1:recent`. */
  recent(): Promise<RecentComments> {
    return recentMemo.get('all', async () => {
      const { value: recent, readAt } = await this.store.readersRecent(memoWindows.commentsMs)
      return { value: { ...recent, comments: recent.comments.map(publicView) }, readAt }
    })
  }
}

/**
 * Called where the view updater rewrote `articles`, after the store dropped the
 * data centre's copies: this isolate reads them afresh.
 */
export function forgetArticleViews(articles: readonly string[]): void {
  if (articles.length > 0) {
    versionsMemo.invalidate('all')
    countsMemo.invalidate('all')
    recentMemo.invalidate('all')
  }
}
