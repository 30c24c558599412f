import assert from 'node:assert/strict'
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  type BuildState,
  type FileRecord,
  readState,
  writeState,
} from '../../scripts/content/build-state'

const stamp = 'compiler-stamp'

const record = (n: number): FileRecord => ({
  size: 100 + n,
  mtimeMs: 1_700_000_000_000.25 + n,
  hash: `${n}`.repeat(64).slice(0, 64),
  article: {
    slug: `a${n}`,
    published: `2025-01-0${n}T00:00:00+05:30`,
    tags: ['एआई'],
    shape: 0,
    meta: [n * 10, 10],
    body: [n * 100, 100],
  },
})

function firstState(): BuildState {
  return {
    stamp,
    files: {
      'a1.md': record(1),
      'a2.md': {
        ...record(2),
        article: {
          ...(record(2).article as NonNullable<FileRecord['article']>),
          tags: ['खेल', 'AI'],
          updated: '2025-02-01T00:00:00Z',
          draft: true,
        },
      },
      'broken.md': {
        size: 3,
        mtimeMs: 4,
        hash: 'f'.repeat(64),
        errors: ['broken.md: "title" must be text, got nothing'],
      },
    },
    shapes: [['slug', 'title']],
    cache: { metaBytes: 30, bodyBytes: 300, rewrites: 1 },
    written: { '/_data/list/0.json': 'k1', '/sitemap.xml': 'k2' },
  }
}

/** A state folder with `state` saved as a snapshot, as a first build leaves it. */
function saved(state: BuildState): string {
  const path = join(mkdtempSync(join(tmpdir(), 'build-state-')), 'build-state.bin')
  readState(path, stamp) // Nothing there yet: the next save is a snapshot.
  writeState(path, state)
  return path
}

/** A rebuild: reads the state, keeps every record but the edited one, and saves. */
function rebuild(path: string, edit: (state: BuildState) => void): BuildState {
  const state = readState(path, stamp)
  const next = { ...state, files: { ...state.files }, written: { ...state.written } }
  edit(next)
  writeState(path, next)
  return next
}

const asPlain = (state: BuildState) => JSON.parse(JSON.stringify(state))

describe('the build state', () => {
  it('reads back what a snapshot saved: records, tags, errors, sizes and written keys', () => {
    const state = firstState()
    const path = saved(state)
    assert.deepEqual(asPlain(readState(path, stamp)), asPlain(state))
  })

  it('keeps a rebuild that changed one record as one journal line, and the next build reads it', () => {
    const path = saved(firstState())
    const snapshot = readFileSync(path)
    const edited = rebuild(path, (state) => {
      state.files['a1.md'] = { ...record(1), mtimeMs: 1_800_000_000_000, hash: 'e'.repeat(64) }
      state.cache = { ...state.cache, metaBytes: 40, bodyBytes: 400 }
      state.written['/_data/list/0.json'] = 'k3'
      delete state.written['/sitemap.xml']
    })
    assert.deepEqual(readFileSync(path), snapshot, 'the snapshot is not written again')
    assert.equal(readFileSync(`${path}.log`, 'utf8').trim().split('\n').length, 1)
    assert.deepEqual(asPlain(readState(path, stamp)), asPlain(edited))
  })

  it('writes nothing when a build changed nothing', () => {
    const path = saved(firstState())
    rebuild(path, () => {})
    assert.equal(existsSync(`${path}.log`), false)
  })

  it('forgets a removed file', () => {
    const path = saved(firstState())
    const edited = rebuild(path, (state) => {
      delete state.files['broken.md']
    })
    assert.equal(readState(path, stamp).files['broken.md'], undefined)
    assert.deepEqual(asPlain(readState(path, stamp)), asPlain(edited))
  })

  it('after a line cut short by a stopped build, reads the state before it and saves the next as a snapshot', () => {
    const path = saved(firstState())
    appendFileSync(`${path}.log`, '{"journal":"x","files":{"a1.md":{"size"')
    assert.deepEqual(asPlain(readState(path, stamp)), asPlain(firstState()))
    const edited = rebuild(path, (state) => {
      state.files['a1.md'] = { ...record(1), hash: 'd'.repeat(64) }
    })
    assert.equal(existsSync(`${path}.log`), false)
    assert.deepEqual(asPlain(readState(path, stamp)), asPlain(edited))
  })

  it('after a whole line whose newline was cut off, applies it and saves the next as a snapshot', () => {
    const path = saved(firstState())
    const first = rebuild(path, (state) => {
      state.files['a1.md'] = { ...record(1), hash: 'b'.repeat(64) }
    })
    const journal = readFileSync(`${path}.log`, 'utf8')
    writeFileSync(`${path}.log`, journal.trimEnd())
    assert.deepEqual(asPlain(readState(path, stamp)), asPlain(first))
    const second = rebuild(path, (state) => {
      state.files['a2.md'] = { ...record(2), hash: 'a'.repeat(64) }
    })
    assert.equal(existsSync(`${path}.log`), false)
    assert.deepEqual(asPlain(readState(path, stamp)), asPlain(second))
  })

  it('never applies journal lines of an earlier snapshot to a later one', () => {
    const path = saved(firstState())
    rebuild(path, (state) => {
      state.files['a1.md'] = { ...record(1), hash: 'c'.repeat(64) }
    })
    const oldJournal = `${path}.old`
    copyFileSync(`${path}.log`, oldJournal)
    // A compaction moves every offset in place: only a snapshot can say that.
    const compacted = rebuild(path, (state) => {
      state.cache = { metaBytes: 10, bodyBytes: 100, rewrites: state.cache.rewrites + 1 }
    })
    assert.equal(existsSync(`${path}.log`), false)
    // As if the build had stopped between writing the snapshot and removing the journal.
    copyFileSync(oldJournal, `${path}.log`)
    assert.deepEqual(asPlain(readState(path, stamp)), asPlain(compacted))
  })

  it('keeps tag lists apart that a newline join would merge', () => {
    const state = firstState()
    const tagged = (tags: string[]): FileRecord => {
      const base = record(1)
      return { ...base, article: { ...(base.article as NonNullable<FileRecord['article']>), tags } }
    }
    state.files = { 'a1.md': tagged(['a', 'b']), 'a2.md': tagged(['a\nb']) }
    const path = saved(state)
    const read = readState(path, stamp)
    assert.deepEqual(read.files['a1.md']?.article?.tags, ['a', 'b'])
    assert.deepEqual(read.files['a2.md']?.article?.tags, ['a\nb'])
    assert.ok(Object.isFrozen(read.files['a1.md']?.article?.tags), 'shared lists come back frozen')
  })

  it('starts from nothing under another compiler', () => {
    const path = saved(firstState())
    assert.deepEqual(readState(path, 'another-stamp').files, {})
  })
})
