import type { ViewUpdaterStore } from '../../src/comments/store/readers-view'
import {
  type ArticleView,
  type CommentCounts,
  emptyView,
  noVersions,
  type RecentComments,
  type ViewVersions,
} from '../../src/comments/store/views'
import type { StoredComment } from '../../src/comments/types'

export type Write = 'view' | 'versions' | 'counts' | 'recent'

/** The view updater's part of the store, in memory; `failing` makes one kind of write throw once. */
export class UpdaterKv implements ViewUpdaterStore {
  readonly comments = new Map<string, StoredComment>()
  readonly views = new Map<string, ArticleView>()
  versionsValue: ViewVersions = noVersions
  countsValue: CommentCounts = { updated: null, articles: {} }
  recentValue: RecentComments = emptyView
  failing: Write | undefined

  private write(kind: Write): void {
    if (this.failing !== kind) return
    this.failing = undefined
    throw new Error('KV PUT failed: 429 Too Many Requests')
  }
  async getMany(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => this.comments.get(id) ?? []).map((c) => [c.id, c]))
  }
  async view(article: string) {
    return structuredClone(this.views.get(article) ?? emptyView)
  }
  async pendingIds() {
    return []
  }
  async versions() {
    return structuredClone(this.versionsValue)
  }
  async counts() {
    return structuredClone(this.countsValue)
  }
  async recent() {
    return structuredClone(this.recentValue)
  }
  async writeView(article: string, view: ArticleView) {
    this.write('view')
    this.views.set(article, structuredClone(view))
  }
  async writePending() {}
  async writeVersions(versions: ViewVersions) {
    this.write('versions')
    this.versionsValue = structuredClone(versions)
  }
  async writeCounts(counts: CommentCounts) {
    this.write('counts')
    this.countsValue = structuredClone(counts)
  }
  async writeRecent(recent: RecentComments) {
    this.write('recent')
    this.recentValue = structuredClone(recent)
  }
}
