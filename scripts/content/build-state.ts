import { createHash, randomUUID } from 'node:crypto'
import {
  appendFileSync,
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
import { decodeSnapshot, encodeSnapshot } from './state-snapshot'
import type { BuildState, FileRecord } from './state-types'

export type { BuildState, FileRecord, StoredArticle } from './state-types'

/**
 * A rebuild changes a few records of thousands, so it appends them to a
 * journal beside the snapshot (build-state.bin.log) instead of writing the
 * snapshot again: 1 ms, where the snapshot of 10,000 articles took 0.1 s. Each
 * line carries the snapshot's journal name, so lines left from before the
 * last snapshot are never applied to it. Past this many records and written
 * keys the snapshot is written anew and the journal starts over.
 */
const journalLimit = 2000

/** One rebuild's changes: records and written keys, null where one went away. */
interface JournalLine {
  journal: string
  files: Record<string, FileRecord | null>
  written: Record<string, string | null>
  shapes: string[][]
  cache: BuildState['cache']
}

/** The state as read, to tell what a build changed. */
let asRead:
  | {
      files: BuildState['files']
      written: BuildState['written']
      stamp: string
      rewrites: number
      journal: string
      journalRecords: number
    }
  | undefined

export function readState(path: string, stamp: string): BuildState {
  asRead = undefined
  try {
    const snapshot = decodeSnapshot(readFileSync(path))
    if (snapshot && snapshot.state.stamp === stamp) {
      const { state, journal } = snapshot
      const journalRecords = replayJournal(`${path}.log`, journal, state)
      // Not copies: the build gives the state new objects for both, never changing these.
      asRead = {
        files: state.files,
        written: state.written,
        stamp,
        rewrites: state.cache.rewrites,
        journal,
        journalRecords,
      }
      return state
    }
  } catch {
    // No state (first build, or the outputs were removed): build everything.
  }
  return {
    stamp,
    files: {},
    shapes: [],
    cache: { metaBytes: 0, bodyBytes: 0, rewrites: 0 },
    written: {},
  }
}

/**
 * Applies the journal's lines for `journal` to `state`; how many records and
 * written keys they held, or Infinity when a line was cut short by a stopped build (so that the
 * next build writes a snapshot rather than appending after the broken line).
 */
function replayJournal(path: string, journal: string, state: BuildState): number {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return 0
  }
  let records = text.endsWith('\n') ? 0 : Number.POSITIVE_INFINITY
  for (const line of text.split('\n')) {
    if (line === '') continue
    let entry: JournalLine
    try {
      entry = JSON.parse(line) as JournalLine
    } catch {
      records = Number.POSITIVE_INFINITY
      continue
    }
    if (entry.journal !== journal) continue
    for (const [name, record] of Object.entries(entry.files)) {
      if (record) state.files[name] = record
      else delete state.files[name]
      records++
    }
    for (const [file, key] of Object.entries(entry.written)) {
      if (key) state.written[file] = key
      else delete state.written[file]
      records++
    }
    state.shapes = entry.shapes
    state.cache = entry.cache
  }
  return records
}

/**
 * Saves the state: nothing when it is what was read, a journal line when a
 * few records changed, the whole snapshot otherwise. Records the build kept
 * are the very objects it read, so the changed ones are found by identity.
 */
export function writeState(path: string, state: BuildState): void {
  const line = asRead && journalLine(asRead, state)
  if (line === null) return
  const lineRecords = line ? Object.keys(line.files).length + Object.keys(line.written).length : 0
  if (line && asRead && asRead.journalRecords + lineRecords <= journalLimit) {
    appendFileSync(`${path}.log`, `${JSON.stringify(line)}\n`)
    return
  }
  // Written aside and renamed, so a build stopped midway leaves the old state whole.
  writeFileSync(`${path}.${process.pid}`, encodeSnapshot(state, randomUUID()))
  renameSync(`${path}.${process.pid}`, path)
  rmSync(`${path}.log`, { force: true })
}

/**
 * What changed since the state was read, as a journal line; null for nothing,
 * undefined when a line cannot say it (another compiler, or the article cache
 * compacted, which moves every article's offsets in place).
 */
function journalLine(
  read: NonNullable<typeof asRead>,
  state: BuildState,
): JournalLine | null | undefined {
  if (state.stamp !== read.stamp || state.cache.rewrites !== read.rewrites) return undefined
  const files: JournalLine['files'] = {}
  // for…in, not Object.entries: no array of 10,000 pairs to compare records by identity.
  for (const name in state.files) {
    const record = state.files[name] as FileRecord
    if (read.files[name] !== record) files[name] = record
  }
  for (const name in read.files) if (!(name in state.files)) files[name] = null
  const written: JournalLine['written'] = {}
  for (const [file, key] of Object.entries(state.written)) {
    if (read.written[file] !== key) written[file] = key
  }
  for (const file of Object.keys(read.written)) if (!(file in state.written)) written[file] = null
  // The cache's sizes change only with records, and shapes only with them too.
  if (Object.keys(files).length === 0 && Object.keys(written).length === 0) return null
  return { journal: read.journal, files, written, shapes: state.shapes, cache: state.cache }
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
