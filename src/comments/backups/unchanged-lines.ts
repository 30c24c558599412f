import { textDigest } from '../../lib/text-digest'
import type { ListedComment } from '../types'

/** One line of an earlier backup: a comment's JSON exactly as the export wrote it. */
export interface BackupLine {
  id: string
  text: string
  /** The byte it starts at in the backup. */
  start: number
}

/**
 * For each listed comment, in order, the earlier backup's line when the comment
 * is unchanged since (the line's digest is the one KV keeps with the comment),
 * else undefined: the comment must be read. Both lists are in id order, as KV
 * lists keys and as the backup wrote them; a line out of order is only passed
 * over, so it costs a read, never a wrong line.
 */
export function unchangedLines(
  listed: readonly ListedComment[],
  lines: readonly BackupLine[],
): Array<string | undefined> {
  let next = 0
  return listed.map(({ id, digest }) => {
    while (next < lines.length && (lines[next] as BackupLine).id < id) next += 1
    const line = lines[next]
    if (!line || line.id !== id || digest === undefined) return undefined
    return textDigest(line.text) === digest ? line.text : undefined
  })
}
