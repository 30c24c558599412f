import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'

/**
 * A compiled article as the state knows it: the few fields the build orders,
 * shards and maps the archive by, and where the rest is in the ArticleCache.
 */
export interface StoredArticle {
  slug: string
  published: string
  updated?: string
  tags: string[]
  draft?: true
  /** Index into BuildState.shapes: the metadata's keys, in order. */
  shape: number
  /** Byte offset and length of its metadata line in the cache's metas.jsonl. */
  meta: [number, number]
  /** Byte offset and length of its body in the cache's bodies.pack. */
  body: [number, number]
}

/** What the last build knew of one article file: its stat, content hash, and article or errors. */
export interface FileRecord {
  size: number
  mtimeMs: number
  hash: string
  article?: StoredArticle
  errors?: string[]
}

/**
 * Kept beside the build's outputs (src/generated/build-state.json), so deleting
 * them forgets it: every article file's record, the sizes the article cache had
 * when it was written, and a key of every asset file written, so a rebuild writes
 * only what changed. About 200 bytes an article, all of it ASCII but titles.
 */
export interface BuildState {
  stamp: string
  files: Record<string, FileRecord>
  shapes: string[][]
  cache: { metaBytes: number; bodyBytes: number }
  written: Record<string, string>
}

// On disk a record is a tuple: field names would be half of the file.
type StoredRecord =
  | [size: number, mtimeMs: number, hash: string, errors: string[]]
  | [
      size: number,
      mtimeMs: number,
      hash: string,
      slug: string,
      published: string,
      updated: string,
      tags: string[],
      draft: 0 | 1,
      shape: number,
      ...at: [number, number, number, number],
    ]
type StoredState = Omit<BuildState, 'files'> & { files: Record<string, StoredRecord> }

/** The state as read, to tell whether a build changed it (then it is written). */
let asRead: { files: BuildState['files']; rest: string } | undefined

/** Everything but the file records, as text to compare. */
const restOf = ({ stamp, shapes, cache, written }: Omit<BuildState, 'files'>) =>
  JSON.stringify({ stamp, shapes, cache, written })

export function readState(path: string, stamp: string): BuildState {
  try {
    const text = readFileSync(path, 'utf8')
    const stored = JSON.parse(text) as StoredState
    if (stored.stamp === stamp) {
      const files: BuildState['files'] = {}
      for (const [name, record] of Object.entries(stored.files)) files[name] = fromStored(record)
      asRead = { files: { ...files }, rest: restOf(stored) }
      return { ...stored, files }
    }
  } catch {
    // No state (first build, or the outputs were removed): build everything.
  }
  return { stamp, files: {}, shapes: [], cache: { metaBytes: 0, bodyBytes: 0 }, written: {} }
}

function fromStored(record: StoredRecord): FileRecord {
  const [size, mtimeMs, hash] = record
  if (record.length === 4) return { size, mtimeMs, hash, errors: record[3] }
  const [
    ,
    ,
    ,
    slug,
    published,
    updated,
    tags,
    draft,
    shape,
    metaAt,
    metaLength,
    bodyAt,
    bodyLength,
  ] = record
  const article: StoredArticle = {
    slug,
    published,
    ...(updated ? { updated } : {}),
    tags,
    ...(draft ? { draft: true as const } : {}),
    shape,
    meta: [metaAt, metaLength],
    body: [bodyAt, bodyLength],
  }
  return { size, mtimeMs, hash, article }
}

function toStored({ size, mtimeMs, hash, article, errors }: FileRecord): StoredRecord {
  if (!article) return [size, mtimeMs, hash, errors ?? []]
  const { slug, published, updated, tags, draft, shape, meta, body } = article
  return [
    size,
    mtimeMs,
    hash,
    slug,
    published,
    updated ?? '',
    tags,
    draft ? 1 : 0,
    shape,
    ...meta,
    ...body,
  ]
}

/**
 * Writes the state, unless it is what was read: a build that changed nothing
 * writes nothing. Records the build kept are the very objects it read, so
 * comparing them is cheaper than writing the text to compare it.
 */
export function writeState(path: string, state: BuildState): void {
  if (asRead && sameRecords(asRead.files, state.files) && asRead.rest === restOf(state)) return
  const files: StoredState['files'] = {}
  for (const [name, record] of Object.entries(state.files)) files[name] = toStored(record)
  // Written aside and renamed, so a build stopped midway leaves the old state whole.
  writeFileSync(`${path}.${process.pid}`, JSON.stringify({ ...state, files }))
  renameSync(`${path}.${process.pid}`, path)
}

/**
 * Waits until no other build works on the same outputs, then holds them until
 * this process exits: wrangler dev may start a build while the last one still
 * runs, and two builds appending to one article cache would corrupt it. A lock
 * whose process is gone is taken over.
 */
export function holdBuildLock(dir: string): void {
  mkdirSync(dir, { recursive: true })
  const lock = join(dir, 'lock')
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' })
      process.on('exit', () => rmSync(lock, { force: true }))
      return
    } catch {
      let holder = 0
      try {
        holder = Number(readFileSync(lock, 'utf8'))
      } catch {
        continue // Released in between: try again.
      }
      // An empty lock is one being written: wait for it like for a running build.
      if (holder > 0 && !running(holder)) rmSync(lock, { force: true })
      else Atomics.wait(pause, 0, 0, 50)
    }
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function sameRecords(a: BuildState['files'], b: BuildState['files']): boolean {
  const names = Object.keys(b)
  return names.length === Object.keys(a).length && names.every((name) => a[name] === b[name])
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
