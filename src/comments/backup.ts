import { checkImport, type ImportIssue } from './backup-checks'
import { duplicateFingerprint } from './fingerprint'
import type { CommentStore } from './store'

/** Comments one export page holds; with the bulk read a page is two KV operations. */
export const exportPageSize = 100

/** The outcome of an import: what was written, or every field that is wrong. */
export type ImportOutcome =
  | { ok: true; created: number; replaced: number; articles: string[] }
  | { ok: false; errors: ImportIssue[] }

/**
 * Restores a batch of backed-up comments under their own ids, then recounts the
 * approved comments of every article the batch touched. Running it again with
 * the same batch writes the same keys and changes nothing.
 */
export async function importComments(store: CommentStore, body: unknown): Promise<ImportOutcome> {
  const checked = checkImport(body)
  if (!checked.ok) return checked
  let created = 0
  const changes = new Map<string, Array<{ id: string; approved: boolean }>>()
  const touch = (article: string, id: string, approved: boolean) => {
    const list = changes.get(article) ?? []
    list.push({ id, approved })
    changes.set(article, list)
  }
  for (const comment of checked.comments) {
    const fingerprint = await duplicateFingerprint(comment.article, comment.email, comment.content)
    const previous = await store.restore(comment, fingerprint)
    if (!previous) created += 1
    else if (previous.article !== comment.article) touch(previous.article, previous.id, false)
    touch(comment.article, comment.id, comment.status === 'approved')
  }
  for (const [article, changed] of changes) await store.recount(article, ...changed)
  return {
    ok: true,
    created,
    replaced: checked.comments.length - created,
    articles: [...changes.keys()].sort(),
  }
}
