import type { Context } from 'hono'
import { type AppEnv, commentStore, editKeyOf } from '../app/context'
import { openOwnComment } from '../comments/edit'
import { editDeadline } from '../comments/edit-window'
import { type EditableField, editableFields } from '../comments/fields'
import type { StoredComment } from '../comments/types'
import type { ArticleMeta } from '../content/types'
import { editCookieProofs } from '../http/edit-cookie'
import type { OwnComments } from '../pages/comment-list'

/**
 * The reader's own comments on this article that they may still change: those
 * of the newest few edit cookies (maxEditCookies) whose proof is valid for this
 * article and whose window is open at `now`. Only those cost a KV read each; a
 * decoy's cookie opens its decoy, shown like any held comment.
 */
export async function ownComments<E extends AppEnv>(
  c: Context<E>,
  article: ArticleMeta,
  now: Date,
): Promise<StoredComment[]> {
  const proofs = editCookieProofs(c)
  if (proofs.length === 0) return []
  const key = editKeyOf(c)
  const deps = { store: commentStore(c), now, ...(key ? { key: await key } : {}) }
  const opened = await Promise.all(
    proofs.map(([id, proof]) => openOwnComment(article, id, proof, deps)),
  )
  return opened.flatMap((result) => (result.ok ? [result.comment] : []))
}

/** The page's view of the reader's changeable comments. */
export function ownView(own: StoredComment[], editing?: OwnComments['editing']): OwnComments {
  return {
    deadlines: Object.fromEntries(own.map((c) => [c.id, editDeadline(c).toISOString()])),
    ...(editing ? { editing } : {}),
  }
}

/** What an edit form holds: each field as typed, else as the comment holds it. */
export function editValues(
  comment: StoredComment,
  typed: Partial<Record<EditableField, string>> = {},
): Partial<Record<EditableField, string>> {
  const values: Partial<Record<EditableField, string>> = {}
  for (const name of editableFields) {
    const value = typed[name] ?? comment[name]
    if (value !== undefined) values[name] = value
  }
  return values
}
