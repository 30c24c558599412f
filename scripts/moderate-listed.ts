import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ModeratedComment } from './moderate-client'

/**
 * The version of each comment `npm run moderate -- list` last showed, by site
 * address and id: a comment's count of author edits (`edits`, 0 when absent).
 * `approve` sends it, so the site refuses the approval if the author changed the
 * comment after the operator read it. Git-ignored, readable by its owner only.
 */
const listedFile = join('.cache', 'moderate-listed.json')

type Listed = Record<string, Record<string, string>>

function readListed(): Listed {
  try {
    const parsed: unknown = JSON.parse(readFileSync(listedFile, 'utf8'))
    return typeof parsed === 'object' && parsed !== null ? (parsed as Listed) : {}
  } catch {
    return {}
  }
}

/** Versions kept per site: the newest listed win, so the file stays small however long it is used. */
const keptPerSite = 2000

/** Remembers the versions of the comments just printed, beside those listed before. */
export function keepListed(baseUrl: string, comments: readonly ModeratedComment[]): void {
  const all = readListed()
  const site = new Map(Object.entries(all[baseUrl] ?? {}))
  for (const comment of comments) {
    // Deleted first, so the map's order stays the order of listing.
    site.delete(comment.id)
    site.set(comment.id, comment.edits ?? '0')
  }
  const newest = [...site].slice(-keptPerSite)
  all[baseUrl] = Object.fromEntries(newest)
  mkdirSync(dirname(listedFile), { recursive: true })
  writeFileSync(listedFile, JSON.stringify(all, null, 2), { mode: 0o600 })
}

/** The version of comment `id` the last listing of this site showed, if it showed it. */
export function listedVersion(baseUrl: string, id: string): string | undefined {
  return readListed()[baseUrl]?.[id]
}
