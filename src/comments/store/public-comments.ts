import { publicView } from '../public-view'
import type { PublicComment } from '../types'
import { Memo, type Versioned } from './memo'
import { memoWindows } from './memo-windows'
import type { ArticleView, CommentCounts, CommentStore, RecentComments } from './store'

// One entry per article read in this isolate; the least recently loaded go first.
const viewMemo = new Memo<ArticleView>(memoWindows.commentsMs, 500)
const countsMemo = new Memo<CommentCounts>(memoWindows.countsMs, 1)
const recentMemo = new Memo<RecentComments>(memoWindows.commentsMs, 1)

/** An article's approved comments, and when moderation last changed them. */
export interface ArticleComments {
  approved: Versioned<PublicComment[]>
  moderated: string | null
}

/**
 * What readers see of comments, memoised per isolate over the store, which
 * reads it through the data centre's cache: at most one KV read of the
 * article's view (never a listing), and one of the counts, per data centre and window.
 */
export class PublicComments {
  constructor(private readonly store: CommentStore) {}

  /** An article's approved comments, oldest first, and when they last changed. */
  async forArticle(article: string): Promise<ArticleComments> {
    const { value, version } = await viewMemo.get(article, async () => {
      const { value: view, readAt } = await this.store.readersView(article, memoWindows.commentsMs)
      // A view written before a rule changed is shown as publicView shows comments now.
      return { value: { ...view, comments: view.comments.map(publicView) }, readAt }
    })
    return { approved: { value: value.comments, version }, moderated: value.updated }
  }

  /** An article's approved comments, oldest first. */
  async approved(article: string): Promise<Versioned<PublicComment[]>> {
    return (await this.forArticle(article)).approved
  }

  /** Approved comment counts by article. */
  counts(): Promise<Versioned<CommentCounts>> {
    return countsMemo.get('all', () => this.store.readersCounts(memoWindows.countsMs))
  }

  /** The newest approved comments across articles, oldest first: one read of `v1:recent`. */
  recent(): Promise<Versioned<RecentComments>> {
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
  for (const article of articles) viewMemo.invalidate(article)
  if (articles.length > 0) {
    countsMemo.invalidate('all')
    recentMemo.invalidate('all')
  }
}
