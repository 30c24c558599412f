import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { ArticleMeta } from '../../src/content/types'

/** What the last build knew of one article file: its stat, content hash, and article or errors. */
export interface FileRecord {
  size: number
  mtimeMs: number
  hash: string
  meta?: ArticleMeta
  errors?: string[]
}

/**
 * Kept beside the build's outputs (src/generated/build-state.json), so deleting
 * them forgets it: every article file's record, and a key of every asset file
 * written, so a rebuild writes only what changed.
 */
export interface BuildState {
  stamp: string
  files: Record<string, FileRecord>
  written: Record<string, string>
}

export function readState(path: string, stamp: string): BuildState {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as BuildState
    if (state.stamp === stamp) return state
  } catch {
    // No state (first build, or the outputs were removed): build everything.
  }
  return { stamp, files: {}, written: {} }
}

export const keyOf = (...parts: Array<string | Buffer>) => {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}

/**
 * Names the compiler's own code and the media: when either changes, every
 * article is compiled again (an image's size is written into its articles).
 */
export function compilerStamp(codeFiles: string[], mediaDir: string): string {
  const parts: Array<string | Buffer> = codeFiles.map((file) => readFileSync(file))
  if (existsSync(mediaDir)) {
    for (const name of readdirSync(mediaDir, { recursive: true }).map(String).sort()) {
      const stat = statSync(join(mediaDir, name))
      parts.push(`${name}:${stat.size}:${stat.mtimeMs}`)
    }
  }
  return keyOf(...parts)
}
