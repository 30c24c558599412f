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
 * What readers see of comments, memoised per isolate over the store: one KV
 * read of the article's view (never a listing), and one of the counts.
 */
export class PublicComments {
  constructor(private readonly store: CommentStore) {}

  /** An article's approved comments, oldest first, and when they last changed. */
  async forArticle(article: string): Promise<ArticleComments> {
    const { value, version } = await viewMemo.get(article, async () => {
      const view = await this.store.view(article)
      // A view written before a rule changed is shown as publicView shows comments now.
      return { ...view, comments: view.comments.map(publicView) }
    })
    return { approved: { value: value.comments, version }, moderated: value.updated }
  }

  /** An article's approved comments, oldest first. */
  async approved(article: string): Promise<Versioned<PublicComment[]>> {
    return (await this.forArticle(article)).approved
  }

  /** Approved comment counts by article. */
  counts(): Promise<Versioned<CommentCounts>> {
    return countsMemo.get('all', () => this.store.counts())
  }

  /** The newest approved comments across articles, oldest first: one read of `v1:recent`. */
  recent(): Promise<Versioned<RecentComments>> {
    return recentMemo.get('all', async () => {
      const recent = await this.store.recent()
      return { ...recent, comments: recent.comments.map(publicView) }
    })
  }
}

/** Called where the view updater rewrote `articles`: this isolate reads them afresh. */
export function forgetArticleViews(articles: readonly string[]): void {
  for (const article of articles) viewMemo.invalidate(article)
  if (articles.length > 0) {
    countsMemo.invalidate('all')
    recentMemo.invalidate('all')
  }
}
