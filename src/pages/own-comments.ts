import type { Context } from 'hono'
import { type AppEnv, commentStore, editKeyOf } from '../app/context'
import { authoriseEdit } from '../comments/edit'
import { proofMayOpen } from '../comments/edit-proof'
import { editDeadline } from '../comments/edit-window'
import type { StoredComment } from '../comments/types'
import type { ArticleMeta } from '../content/types'
import { editCookieProofs } from '../http/edit-cookie'
import type { OwnComments } from './comment-list'

/**
 * The reader's own comments on this article that they may still change: those
 * whose edit cookie holds a valid proof and whose window is open at `now`.
 */
export async function ownComments<E extends AppEnv>(
  c: Context<E>,
  article: ArticleMeta,
  now: Date,
): Promise<StoredComment[]> {
  const proofs = editCookieProofs(c)
  if (proofs.length === 0) return []
  const deps = { store: commentStore(c), now, ...(await keyDeps(c)) }
  const checked = await Promise.all(
    proofs.map(async ([id, proof]) =>
      (await proofMayOpen(deps.key, id, proof, now))
        ? authoriseEdit(article, id, proof, deps)
        : { ok: false as const },
    ),
  )
  return checked.flatMap((result) => (result.ok ? [result.comment] : []))
}

async function keyDeps<E extends AppEnv>(c: Context<E>) {
  const key = editKeyOf(c)
  return key ? { key: await key } : {}
}

/** The page's view of the reader's changeable comments. */
export function ownView(own: StoredComment[], editing?: OwnComments['editing']): OwnComments {
  return {
    deadlines: Object.fromEntries(own.map((c) => [c.id, editDeadline(c).toISOString()])),
    ...(editing ? { editing } : {}),
  }
}
