import { duplicateFingerprint } from '../fingerprint'
import type { ViewChange } from '../store/readers-view'
import type { CommentStore } from '../store/store'
import { checkImport, type ImportIssue } from './backup-checks'

/** Comments one export page holds; with the bulk read a page is two KV operations. */
export const exportPageSize = 100

/** The outcome of an import: what was written, or every field that is wrong. */
export type ImportOutcome =
  | { ok: true; created: number; replaced: number; articles: string[]; changes: ViewChange[] }
  | { ok: false; errors: ImportIssue[] }

/**
 * Restores a batch of backed-up comments under their own ids, and names every
 * comment whose article's readers' view the caller must have updated. Running
 * it again with the same batch writes the same keys and changes nothing.
 */
export async function importComments(store: CommentStore, body: unknown): Promise<ImportOutcome> {
  const checked = checkImport(body)
  if (!checked.ok) return checked
  let created = 0
  const changes: ViewChange[] = []
  for (const comment of checked.comments) {
    const fingerprint = await duplicateFingerprint(comment.article, comment.email, comment.content)
    const previous = await store.restore(comment, fingerprint)
    if (!previous) created += 1
    else if (previous.article !== comment.article) {
      changes.push({ article: previous.article, id: previous.id })
    }
    changes.push({ article: comment.article, id: comment.id })
  }
  return {
    ok: true,
    created,
    replaced: checked.comments.length - created,
    articles: [...new Set(changes.map((change) => change.article))].sort(),
    changes,
  }
}
