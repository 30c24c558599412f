import { Memo, type Versioned } from './memo'
import type { CommentCounts, CommentStore } from './store'
import type { PublicComment } from './types'

// Short enough that an approval elsewhere shows within half a minute; long
// enough that a busy article page reads KV at most twice a minute per isolate.
const ttlMs = 30_000
// One entry per article read in this isolate; the least recently loaded go first.
const approvedMemo = new Memo<PublicComment[]>(ttlMs, 500)
const countsMemo = new Memo<CommentCounts>(ttlMs, 1)

/** An article's approved comments, and when moderation last changed what readers see. */
export interface ArticleComments {
  approved: Versioned<PublicComment[]>
  moderated: string | null
}

/** What readers see of comments, memoised per isolate over the store. */
export class PublicComments {
  constructor(private readonly store: CommentStore) {}

  /** Approved comments of an article, oldest first. */
  approved(article: string): Promise<Versioned<PublicComment[]>> {
    return approvedMemo.get(article, () => this.store.approved(article))
  }

  /**
   * What an article's comment views depend on: its approved comments and when
   * moderation last changed anything (an approval moves Last-Modified forward
   * even when the approved comment is old).
   */
  async forArticle(article: string): Promise<ArticleComments> {
    const [approved, counts] = await Promise.all([this.approved(article), this.counts()])
    return { approved, moderated: counts.value.updated }
  }

  /** Approved comment counts by article. */
  counts(): Promise<Versioned<CommentCounts>> {
    return countsMemo.get('all', () => this.store.counts())
  }

  /** Called after moderation changed what readers of `article` see. */
  invalidate(article: string): void {
    approvedMemo.invalidate(article)
    countsMemo.invalidate('all')
  }
}
