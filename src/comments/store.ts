import { duplicateFingerprint } from './fingerprint'
import { keys } from './keys'
import { keyPages } from './kv-list'
import { publicView } from './public-view'
import type { CommentStatus, PublicComment, StoredComment } from './types'

/** A list entry's metadata: the public view without what the key already says. */
type ListMetadata = Omit<PublicComment, 'id' | 'article' | 'content'> & { content?: string }

// Workers KV refuses metadata over 1024 bytes once serialised.
const metadataLimit = 1024
const encoder = new TextEncoder()

/** The public view, less id and article; `content` is left out when it would not fit. */
function metadataFor(comment: StoredComment): ListMetadata {
  const { id: _id, article: _article, content, ...rest } = publicView(comment)
  const withContent = { ...rest, content }
  return encoder.encode(JSON.stringify(withContent)).length <= metadataLimit ? withContent : rest
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

  /**
   * Whether an article already holds `cap` comments awaiting moderation. One
   * list call that stops at the cap; KV lists are eventually consistent, so the
   * cap is approximate by the few posts of the last minute.
   */
  async hasPending(article: string, cap: number): Promise<boolean> {
    const page = await this.kv.list({ prefix: keys.listPrefix('pending', article), limit: cap })
    return page.keys.length >= cap
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
    await this.kv.put(keys.comment(after.id), JSON.stringify(after))
    await this.kv.put(keys.listEntry(after.status, after.article, after.id), '', {
      metadata: metadataFor(after),
    })
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

  /** Every approved comment of an article, oldest first, from the index metadata. */
  async approved(article: string): Promise<PublicComment[]> {
    const result: PublicComment[] = []
    for await (const page of keyPages(this.kv, keys.listPrefix('approved', article))) {
      const comments = await Promise.all(
        page.map(async (key) => {
          const id = idOf(key.name)
          // Written by metadataFor, so it has that shape (or is missing on a legacy entry).
          const meta = key.metadata as ListMetadata | undefined
          if (meta?.content !== undefined)
            return publicView({ ...meta, id, article, content: meta.content })
          // Long texts did not fit in metadata: one read for each of those only.
          const full = await this.get(id)
          return full ? publicView({ ...full, ...meta, id, article, content: full.content }) : null
        }),
      )
      for (const comment of comments) if (comment) result.push(comment)
    }
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
    for await (const page of keyPages(this.kv, keys.listPrefix('approved', article))) {
      for (const key of page) ids.add(idOf(key.name))
    }
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
