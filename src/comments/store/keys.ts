import { textDigest } from '../../lib/text-digest'
import type { CommentStatus, StoredComment } from '../types'

/**
 * KV key layout, version 1. One key per comment and one index key per comment,
 * written by the request that changes the comment; the keys readers read are
 * written only by the serial view updater (readers-view.ts), so no two requests
 * ever read-modify-write the same key:
 *   v1:comment:<id>                     the whole StoredComment (e-mail included); metadata {d: its digest}
 *   v1:list:<status>:<article>:<id>     empty value: the moderators' listing by status
 *   v1:dup:<sha256(article, e-mail, text)>  the id of the comment with that text
 *   v1:view:<article>                   what readers see: the approved comments' public views
 *   v1:pending:<article>                ids of the article's comments awaiting moderation
 *   v1:counts                           approved counts by article, for the feeds
 *   v1:view-versions                    the version of each view changed in the last day (one string)
 *   v1:recent                           the newest approved comments across articles
 *   v1:decoy:<id>                       a decoy answer's comment, until its edit window ends
 */
export const keys = {
  comment: (id: string) => `v1:comment:${id}`,
  listPrefix: (status: CommentStatus, article?: string) =>
    article ? `v1:list:${status}:${article}:` : `v1:list:${status}:`,
  listEntry: (status: CommentStatus, article: string, id: string) =>
    `v1:list:${status}:${article}:${id}`,
  duplicate: (fingerprint: string) => `v1:dup:${fingerprint}`,
  view: (article: string) => `v1:view:${article}`,
  pending: (article: string) => `v1:pending:${article}`,
  counts: 'v1:counts',
  // Not `v1:versions`, which versions before 7 December 2026 wrote as an object:
  // old and new code running side by side during a deploy must not read each other's.
  versions: 'v1:view-versions',
  recent: 'v1:recent',
  decoy: (id: string) => `v1:decoy:${id}`,
}

/**
 * What a comment key's list metadata holds: the digest of the stored JSON, so
 * the nightly backup can tell from a listing which comments changed since the
 * last backup and read only those (comments/backups/nightly-backup.ts).
 */
export interface CommentKeyMetadata {
  d: string
}

/** A comment's key, value and metadata, as the store writes them (and seeders that stand in for it). */
export async function commentEntry(comment: StoredComment): Promise<{
  key: string
  value: string
  metadata: CommentKeyMetadata
}> {
  const value = JSON.stringify(comment)
  return { key: keys.comment(comment.id), value, metadata: { d: await textDigest(value) } }
}
