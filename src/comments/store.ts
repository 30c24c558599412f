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

  /** Rewrites a comment its author edited, its list entry, and its duplicate key if the text changed. */
  async update(
    after: StoredComment,
    fingerprints: { before: string; after: string },
  ): Promise<void> {
    await this.kv.put(keys.comment(after.id), JSON.stringify(after))
    await this.kv.put(keys.listEntry(after.status, after.article, after.id), '', {
      metadata: metadataFor(after),
    })
    if (fingerprints.after !== fingerprints.before) {
      await Promise.all([
        this.kv.put(keys.duplicate(fingerprints.after), after.id),
        this.kv.delete(keys.duplicate(fingerprints.before)),
      ])
    }
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
   * Recounts one article's approved comments into the shared counts key. KV lists
   * are eventually consistent, so the comment just moderated is counted by what
   * the moderator did, not by whether the list already shows it.
   */
  async recount(article: string, changed: { id: string; approved: boolean }): Promise<number> {
    const ids = new Set<string>()
    for await (const page of keyPages(this.kv, keys.listPrefix('approved', article))) {
      for (const key of page) ids.add(idOf(key.name))
    }
    if (changed.approved) ids.add(changed.id)
    else ids.delete(changed.id)
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
