import { duplicateFingerprint } from './fingerprint'
import { keys } from './keys'
import type { CommentStatus, PublicComment, StoredComment } from './types'

/** Public fields kept in KV metadata; `content` is left out when it would not fit. */
interface ListMetadata {
  author: string
  url?: string
  parent?: string
  created: string
  content?: string
}

// Workers KV refuses metadata over 1024 bytes once serialised.
const metadataLimit = 1024
const encoder = new TextEncoder()

function metadataFor(comment: StoredComment): ListMetadata {
  const base: ListMetadata = {
    author: comment.author,
    created: comment.created,
    ...(comment.url ? { url: comment.url } : {}),
    ...(comment.parent ? { parent: comment.parent } : {}),
  }
  const withContent = { ...base, content: comment.content }
  return encoder.encode(JSON.stringify(withContent)).length <= metadataLimit ? withContent : base
}

/** Approved comment counts, rewritten by moderation; `updated` feeds Last-Modified. */
export interface CommentCounts {
  updated: string | null
  articles: Record<string, number>
}

/** One page of a listing and the cursor of the next page, if there is one. */
export interface Page<T> {
  items: T[]
  cursor?: string
}

/** Reads and writes comments in Workers KV; the only module that touches the binding. */
export class CommentStore {
  constructor(private readonly kv: KVNamespace) {}

  /** Stores a new comment under its own keys. */
  async add(comment: StoredComment, fingerprint: string): Promise<void> {
    await this.kv.put(keys.comment(comment.id), JSON.stringify(comment))
    await Promise.all([
      this.kv.put(keys.listEntry(comment.status, comment.article, comment.id), '', {
        metadata: metadataFor(comment),
      }),
      this.kv.put(keys.duplicate(fingerprint), comment.id),
    ])
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
    await this.kv.put(keys.comment(comment.id), JSON.stringify(updated))
    await this.kv.put(keys.listEntry(status, comment.article, comment.id), '', {
      metadata: metadataFor(updated),
    })
    if (status !== comment.status) {
      await this.kv.delete(keys.listEntry(comment.status, comment.article, comment.id))
    }
    return updated
  }

  /** Deletes a comment and its index and duplicate keys. */
  async remove(comment: StoredComment, fingerprint: string): Promise<void> {
    await Promise.all([
      this.kv.delete(keys.listEntry(comment.status, comment.article, comment.id)),
      this.kv.delete(keys.duplicate(fingerprint)),
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

  /** Every approved comment of an article, oldest first, from the index metadata. */
  async approved(article: string): Promise<PublicComment[]> {
    const result: PublicComment[] = []
    let cursor: string | undefined
    do {
      const page = await this.kv.list<ListMetadata>({
        prefix: keys.listPrefix('approved', article),
        ...(cursor ? { cursor } : {}),
      })
      const comments = await Promise.all(
        page.keys.map(async (key) => {
          const id = idOf(key.name)
          const meta = key.metadata
          if (meta && meta.content !== undefined) return toPublic(id, article, meta, meta.content)
          // Long texts did not fit in metadata: one read for each of those only.
          const full = await this.get(id)
          return full ? toPublic(id, article, meta ?? full, full.content) : null
        }),
      )
      for (const comment of comments) if (comment) result.push(comment)
      cursor = page.list_complete ? undefined : page.cursor
    } while (cursor)
    return result
  }

  /** Approved comment counts by article and when moderation last changed them. */
  async counts(): Promise<CommentCounts> {
    return (
      (await this.kv.get<CommentCounts>(keys.counts, 'json')) ?? { updated: null, articles: {} }
    )
  }

  /**
   * One page of every comment, whatever its status, each exactly as stored (oldest
   * first, as ids sort by time). One bulk read per page keeps a page of `limit`
   * (at most 100) comments at two KV operations.
   */
  async exportPage(cursor: string | undefined, limit: number): Promise<Page<StoredComment>> {
    const page = await this.kv.list({
      prefix: keys.comment(''),
      limit,
      ...(cursor ? { cursor } : {}),
    })
    const names = page.keys.map((key) => key.name)
    const values = names.length > 0 ? await this.kv.get(names, 'text') : new Map()
    const items: StoredComment[] = []
    for (const name of names) {
      const text = values.get(name)
      // A key deleted between the list and the read is simply no longer there.
      if (text) items.push(JSON.parse(text) as StoredComment)
    }
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
    await this.kv.put(keys.comment(comment.id), JSON.stringify(comment))
    await Promise.all([
      this.kv.put(keys.listEntry(comment.status, comment.article, comment.id), '', {
        metadata: metadataFor(comment),
      }),
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

  /**
   * Recounts one article's approved comments into the shared counts key. KV lists
   * are eventually consistent, so the comments just moderated or restored are
   * counted by what was done to them, not by whether the list already shows it.
   */
  async recount(
    article: string,
    ...changed: Array<{ id: string; approved: boolean }>
  ): Promise<number> {
    const ids = new Set<string>()
    let cursor: string | undefined
    do {
      const page = await this.kv.list({
        prefix: keys.listPrefix('approved', article),
        ...(cursor ? { cursor } : {}),
      })
      for (const key of page.keys) ids.add(idOf(key.name))
      cursor = page.list_complete ? undefined : page.cursor
    } while (cursor)
    for (const change of changed) {
      if (change.approved) ids.add(change.id)
      else ids.delete(change.id)
    }
    const counts = await this.counts()
    counts.articles[article] = ids.size
    counts.updated = new Date().toISOString()
    await this.kv.put(keys.counts, JSON.stringify(counts))
    return ids.size
  }
}

function idOf(keyName: string): string {
  return keyName.slice(keyName.lastIndexOf(':') + 1)
}

function toPublic(id: string, article: string, meta: ListMetadata, content: string): PublicComment {
  return {
    id,
    article,
    author: meta.author,
    ...(meta.url ? { url: meta.url } : {}),
    content,
    ...(meta.parent ? { parent: meta.parent } : {}),
    created: meta.created,
  }
}
