import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { ArticleMeta } from '../../src/content/types'
import { renderBody } from './markdown'
import type { MediaLibrary } from './media'
import { parseArticle } from './parse-article'

/** One article file to compile; `knownHash` is its hash in the last build, if any. */
export interface CompileJob {
  name: string
  path: string
  /** The name errors give the file (relative to the working directory when inside it). */
  display: string
  knownHash?: string
}

/** What compiling one file gave: its content hash, and its article or its errors. */
export type CompileResult =
  | { name: string; hash: string; unchanged: true }
  | { name: string; hash: string; unchanged?: false; meta: ArticleMeta; html: string }
  | { name: string; hash: string; unchanged?: false; errors: string[] }

/** What every job of one build shares. */
export interface CompileContext {
  media: MediaLibrary
  /** Names the compiler's code and the media, so a change to either changes every hash. */
  stamp: string
}

/** Reads, hashes and (unless its hash is the known one) compiles one article. */
export function compileJob(job: CompileJob, context: CompileContext): CompileResult {
  const text = readFileSync(job.path, 'utf8')
  const hash = createHash('sha256')
    .update(context.stamp)
    .update('\0')
    .update(job.display)
    .update('\0')
    .update(text)
    .digest('hex')
  if (hash === job.knownHash) return { name: job.name, hash, unchanged: true }
  const parsed = parseArticle(job.display, text, (markdown) => renderBody(markdown, context.media))
  if (!parsed.ok) return { name: job.name, hash, errors: parsed.errors }
  const { html, ...meta } = parsed.value
  return { name: job.name, hash, meta, html }
}
