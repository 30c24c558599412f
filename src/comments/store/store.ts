import { duplicateFingerprint } from '../fingerprint'
import type { CommentStatus, ListedComment, StoredComment } from '../types'
import { DataCentreCache } from './data-centre-cache'
import { type CommentKeyMetadata, commentEntry, keys } from './keys'
import type { Loaded } from './memo'
import { memoWindows } from './memo-windows'
import {
  type ArticleView,
  type CommentCounts,
  emptyView,
  noVersions,
  type ReadersView,
  type RecentComments,
  type ViewHold,
  type ViewVersions,
  viewMadeOfAddition,
} from './views'

// KV's bulk get takes at most 100 keys a call.
const bulkGetKeys = 100

/** One page of a listing and the cursor of the next page, if there is one. */
export interface Page<T> {
  items: T[]
  cursor?: string
}

// Without a site's cache (scripts, the unit tests' stores) every read goes to KV.
const noDataCentre = new DataCentreCache(undefined, 'http://localhost')

/**
 * Reads and writes comments in Workers KV; the only module that touches the
 * binding. What readers see is read through `dataCentre`; the view updater and
 * moderators read KV itself.
 */
export class CommentStore {
  constructor(
    private readonly kv: KVNamespace,
    private readonly dataCentre: DataCentreCache = noDataCentre,
  ) {}

  /** Writes a comment under its id, with its digest as the key's metadata. */
  private async putComment(comment: StoredComment): Promise<void> {
    const { key, value, metadata } = await commentEntry(comment)
    await this.kv.put(key, value, { metadata })
  }

  /** Stores a new comment under its own keys. */
  async add(comment: StoredComment, fingerprint: string): Promise<void> {
    await this.putComment(comment)
    await Promise.all([
      this.kv.put(keys.listEntry(comment.status, comment.article, comment.id), ''),
      this.kv.put(keys.duplicate(fingerprint), comment.id),
    ])
  }

  /**
   * The ids of an article's comments awaiting moderation, as the view updater
   * last wrote them: one read, where a listing would cost a KV list per post.
   */
  async pendingIds(article: string): Promise<string[]> {
    return (await this.kv.get<string[]>(keys.pending(article), 'json')) ?? []
  }

  /** The id of an existing comment with the same fingerprint, if any. */
  async findDuplicate(fingerprint: string): Promise<string | null> {
    return this.kv.get(keys.duplicate(fingerprint))
  }

  /** A comment by id, e-mail included. */
  async get(id: string): Promise<StoredComment | null> {
    return this.kv.get<StoredComment>(keys.comment(id), 'json')
  }

  /** Moves a comment to another status; returns the updated comment. */
  async setStatus(comment: StoredComment, status: CommentStatus): Promise<StoredComment> {
    const updated = { ...comment, status }
    await this.putComment(updated)
    await this.kv.put(keys.listEntry(status, comment.article, comment.id), '')
    if (status !== comment.status) {
      await this.kv.delete(keys.listEntry(comment.status, comment.article, comment.id))
    }
    return updated
  }

  /**
   * A comment its author may still change: the stored one, or a decoy kept for
   * its proof (see keepDecoy). `decoy` says which; nothing else may differ.
   */
  async getOwn(id: string): Promise<{ comment: StoredComment; decoy: boolean } | null> {
    const comment = await this.get(id)
    if (comment) return { comment, decoy: false }
    const decoy = await this.kv.get<StoredComment>(keys.decoy(id), 'json')
    return decoy ? { comment: decoy, decoy: true } : null
  }

  /**
   * Keeps a decoy answer's comment (a filled honeypot, a repeat of an unpublished
   * comment) under its own key until `until` (its edit window's end), so later
   * requests with its proof are answered as for a held comment. Never listed,
   * counted, exported or shown to anyone but the holder of its proof; KV expires it.
   */
  async keepDecoy(comment: StoredComment, until: Date, now: Date): Promise<void> {
    // KV refuses expirations less than 60 seconds away.
    const seconds = Math.max(60, Math.ceil((until.getTime() - now.getTime()) / 1000))
    await this.kv.put(keys.decoy(comment.id), JSON.stringify(comment), { expirationTtl: seconds })
  }

  /** Drops a decoy its holder deleted. */
  async removeDecoy(id: string): Promise<void> {
    await this.kv.delete(keys.decoy(id))
  }

  /**
   * Rewrites a comment its author edited: the comment, its list entry (moved if
   * the status changed), and its duplicate key if the text or e-mail changed. An
   * edit may repeat another comment's text (edits are not checked for duplicates,
   * so they reveal no hidden comment): the key then stays with that comment.
   */
  async update(before: StoredComment, after: StoredComment): Promise<void> {
    await this.putComment(after)
    await this.kv.put(keys.listEntry(after.status, after.article, after.id), '')
    if (after.status !== before.status) {
      await this.kv.delete(keys.listEntry(before.status, before.article, before.id))
    }
    const old = await duplicateFingerprint(before.article, before.email, before.content)
    const next = await duplicateFingerprint(after.article, after.email, after.content)
    if (next === old) return
    await Promise.all([
      this.releaseDuplicate(old, after.id),
      this.findDuplicate(next).then((holder) =>
        holder ? undefined : this.kv.put(keys.duplicate(next), after.id),
      ),
    ])
  }

  /** Deletes a duplicate key only if it names comment `id` (another may hold that text). */
  private async releaseDuplicate(fingerprint: string, id: string): Promise<void> {
    if ((await this.findDuplicate(fingerprint)) === id) {
      await this.kv.delete(keys.duplicate(fingerprint))
    }
  }

  /** Deletes a comment, its index key, and its duplicate key if that names it. */
  async remove(comment: StoredComment, fingerprint: string): Promise<void> {
    await Promise.all([
      this.kv.delete(keys.listEntry(comment.status, comment.article, comment.id)),
      this.releaseDuplicate(fingerprint, comment.id),
    ])
    await this.kv.delete(keys.comment(comment.id))
  }

  /** One page of comments in a status (oldest first), e-mail included, for moderators. */
  async listForModeration(
    status: CommentStatus,
    article: string | undefined,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<StoredComment>> {
    const page = await this.kv.list({
      prefix: keys.listPrefix(status, article),
      limit,
      ...(cursor ? { cursor } : {}),
    })
    const comments = await Promise.all(page.keys.map((key) => this.get(idOf(key.name))))
    return {
      items: comments.filter((c): c is StoredComment => c !== null),
      ...(page.list_complete ? {} : { cursor: page.cursor }),
    }
  }

  /** Comments by id, e-mail included, a bulk read per 100; ids not stored are left out. */
  async getMany(ids: readonly string[]): Promise<Map<string, StoredComment>> {
    const found = new Map<string, StoredComment>()
    for (let start = 0; start < ids.length; start += bulkGetKeys) {
      const batch = ids.slice(start, start + bulkGetKeys)
      const values = await this.kv.get<StoredComment>(batch.map(keys.comment), 'json')
      for (const id of batch) {
        const comment = values.get(keys.comment(id))
        if (comment) found.set(id, comment)
      }
    }
    return found
  }

  /** What readers see of an article's comments: one read, never a listing. */
  async view(article: string): Promise<ArticleView> {
    return (await this.kv.get<ArticleView>(keys.view(article), 'json')) ?? emptyView
  }

  /** Approved comment counts by article and when moderation last changed them. */
  async counts(): Promise<CommentCounts> {
    return (
      (await this.kv.get<CommentCounts>(keys.counts, 'json')) ?? { updated: null, articles: {} }
    )
  }

  /** The versions of the views changed in the last day, as the view updater wrote them. */
  async versions(): Promise<ViewVersions> {
    return (await this.kv.get<ViewVersions>(keys.versions, 'json')) ?? noVersions
  }

  /** The newest approved comments across articles: one read, never a listing. */
  async recent(): Promise<RecentComments> {
    return (await this.kv.get<RecentComments>(keys.recent, 'json')) ?? emptyView
  }

  /**
   * An article's view for readers, held as `hold` says: as this data centre read
   * it from KV within `hold.keptMs` (copies named by `hold.tag`), or made it of
   * the version before and `hold.addition`, or from KV now; with the instant of
   * that read. A view read from KV at another version than `hold.version` (KV
   * takes up to 60 s to carry a write to every location) is shown but not
   * kept: `current` says which.
   */
  async readersView(article: string, hold: ViewHold): Promise<ReadersView> {
    const key = keys.view(article)
    let parsed: ArticleView | undefined
    const parse = (text: string | null): ArticleView =>
      (parsed ??= text === null ? emptyView : (JSON.parse(text) as ArticleView))
    const current = (text: string | null) =>
      hold.version === undefined || parse(text).updated === hold.version
    const { text, readAt } = await this.dataCentre.read(
      `${key}@${hold.tag}`,
      hold.keptMs,
      async () => {
        const made =
          hold.addition &&
          (await viewMadeOfAddition(hold.addition, async (tag) => {
            const copy = await this.dataCentre.peek(`${key}@${tag}`, memoWindows.viewsMs)
            return copy?.text
          }))
        if (!made) return this.kv.get(key)
        // Kept in the data centre as text; shown as made, not parsed back.
        parsed = made
        return JSON.stringify(made)
      },
      current,
    )
    return { value: parse(text), readAt, current: current(text) }
  }

  /** The view versions for readers, as readersCounts reads the counts. */
  readersVersions(windowMs: number): Promise<Loaded<ViewVersions>> {
    return this.readersRead(keys.versions, windowMs, noVersions)
  }

  /** The approved counts for readers, as readersView reads a view. */
  readersCounts(windowMs: number): Promise<Loaded<CommentCounts>> {
    return this.readersRead(keys.counts, windowMs, { updated: null, articles: {} })
  }

  /** The newest approved comments across articles for readers, as readersView reads a view. */
  readersRecent(windowMs: number): Promise<Loaded<RecentComments>> {
    return this.readersRead(keys.recent, windowMs, emptyView)
  }

  /**
   * Drops this data centre's copies of the view versions, counts and recent
   * comments after the view updater rewrote `articles`' views, so its isolates
   * read the new versions; copies of the views are kept by version and need no dropping.
   */
  async forgetReadersViews(articles: readonly string[]): Promise<void> {
    if (articles.length === 0) return
    await this.dataCentre.forget([keys.versions, keys.counts, keys.recent])
  }

  private async readersRead<T>(key: string, windowMs: number, absent: T): Promise<Loaded<T>> {
    const { text, readAt } = await this.dataCentre.read(key, windowMs, () => this.kv.get(key))
    return { value: text === null ? absent : (JSON.parse(text) as T), readAt }
  }

  /** Writes the newest approved comments across articles; only the serial view updater calls this. */
  async writeRecent(recent: RecentComments): Promise<void> {
    await this.kv.put(keys.recent, JSON.stringify(recent))
  }

  /**
   * Writes an article's view, an empty one too: readers check a view's version
   * against `v1:view-versions` before they keep it. Only the serial view updater calls this.
   */
  async writeView(article: string, view: ArticleView): Promise<void> {
    await this.kv.put(keys.view(article), JSON.stringify(view))
  }

  /** Writes the view versions; only the serial view updater calls this. */
  async writeVersions(versions: ViewVersions): Promise<void> {
    await this.kv.put(keys.versions, JSON.stringify(versions))
  }

  /** Writes an article's pending ids; only the serial view updater calls this. */
  async writePending(article: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) await this.kv.delete(keys.pending(article))
    else await this.kv.put(keys.pending(article), JSON.stringify(ids))
  }

  /** Writes the approved counts; only the serial view updater calls this. */
  async writeCounts(counts: CommentCounts): Promise<void> {
    await this.kv.put(keys.counts, JSON.stringify(counts))
  }

  /**
   * One page of every comment, whatever its status, each exactly as stored (oldest
   * first, as ids sort by time): one listing and a bulk read per 100 comments.
   */
  async exportPage(cursor: string | undefined, limit: number): Promise<Page<StoredComment>> {
    const page = await this.listComments(cursor, limit)
    const ids = page.items.map((item) => item.id)
    const found = await this.getMany(ids)
    // A key deleted between the list and the read is simply no longer there.
    const items = ids.flatMap((id) => found.get(id) ?? [])
    return { items, ...(page.cursor ? { cursor: page.cursor } : {}) }
  }

  /**
   * One page of every comment's id and digest, in id order (oldest first): one
   * listing per 1,000 comments, no reads.
   */
  async listComments(cursor: string | undefined, limit: number): Promise<Page<ListedComment>> {
    const prefix = keys.comment('')
    const page = await this.kv.list<CommentKeyMetadata>({
      prefix,
      limit,
      ...(cursor ? { cursor } : {}),
    })
    const items = page.keys.map(({ name, metadata }): ListedComment => {
      const id = name.slice(prefix.length)
      return typeof metadata?.d === 'string' ? { id, digest: metadata.d } : { id }
    })
    return { items, ...(page.list_complete ? {} : { cursor: page.cursor }) }
  }

  /**
   * Writes a comment from a backup under its own id, replacing whatever that id
   * held: comment key, list entry and duplicate key as `add` writes them, and the
   * stale list entry and duplicate key of an older version removed. Writing the
   * same comment twice leaves the same keys. Returns what the id held before, if anything.
   */
  async restore(comment: StoredComment, fingerprint: string): Promise<StoredComment | null> {
    const existing = await this.get(comment.id)
    await this.putComment(comment)
    await Promise.all([
      this.kv.put(keys.listEntry(comment.status, comment.article, comment.id), ''),
      this.kv.put(keys.duplicate(fingerprint), comment.id),
    ])
    if (!existing) return null
    const staleEntry = keys.listEntry(existing.status, existing.article, existing.id)
    if (staleEntry !== keys.listEntry(comment.status, comment.article, comment.id)) {
      await this.kv.delete(staleEntry)
    }
    const staleFingerprint = await duplicateFingerprint(
      existing.article,
      existing.email,
      existing.content,
    )
    if (staleFingerprint !== fingerprint) {
      // Only if it still names this comment: another may have taken that text since.
      const key = keys.duplicate(staleFingerprint)
      if ((await this.kv.get(key)) === existing.id) await this.kv.delete(key)
    }
    return existing
  }
}

function idOf(keyName: string): string {
  return keyName.slice(keyName.lastIndexOf(':') + 1)
}
