import type { CommentStatus } from './types'

/**
 * KV key layout, version 1. One key per comment plus one index key per comment,
 * so no write ever rewrites a shared list:
 *   v1:comment:<id>                     the whole StoredComment (e-mail included)
 *   v1:list:<status>:<article>:<id>     empty value; public fields in metadata
 *   v1:dup:<sha256(article, e-mail, text)>  the id of the comment with that text
 *   v1:counts                           approved counts by article, rewritten on moderation
 *   v1:decoy:<id>                       a decoy answer's comment, until its edit window ends
 */
export const keys = {
  comment: (id: string) => `v1:comment:${id}`,
  listPrefix: (status: CommentStatus, article?: string) =>
    article ? `v1:list:${status}:${article}:` : `v1:list:${status}:`,
  listEntry: (status: CommentStatus, article: string, id: string) =>
    `v1:list:${status}:${article}:${id}`,
  duplicate: (fingerprint: string) => `v1:dup:${fingerprint}`,
  counts: 'v1:counts',
  decoy: (id: string) => `v1:decoy:${id}`,
}
