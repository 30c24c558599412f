import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  PreviousBackup,
  type RangeReader,
  type ReadLimits,
} from '../../src/comments/backups/previous-backup'
import type { ListedComment } from '../../src/comments/types'
import { textDigest } from '../../src/lib/text-digest'

const encoder = new TextEncoder()

/** A bucket holding one earlier backup, counting the slices read from it. */
function bucketOf(text: string): RangeReader & { reads: number } {
  const bytes = encoder.encode(text)
  const bucket = {
    reads: 0,
    async get(_key: string, { range }: { range: { offset: number; length: number } }) {
      bucket.reads += 1
      const slice = bytes.slice(range.offset, range.offset + range.length)
      return { size: bytes.length, arrayBuffer: async () => slice.buffer }
    },
  }
  return bucket
}

const line = (id: string, content: string) => JSON.stringify({ id, content })
const backupOf = (lines: readonly string[]) => lines.map((text) => `${text}\n`).join('')
const listedAs = async (id: string, text: string): Promise<ListedComment> => ({
  id,
  digest: await textDigest(text),
})
const small: ReadLimits = { sliceBytes: 300, slicesPerStep: 50 }

function reader(text: string, limits = small, offset = 0) {
  const bucket = bucketOf(text)
  return {
    bucket,
    previous: new PreviousBackup(bucket, { key: 'comments/x.jsonl', offset }, limits),
  }
}

describe('a backup copies only lines whose digest KV still holds', () => {
  const earlier = [line('a1', 'पहली टिप्पणी'), line('b2', 'दूसरी टिप्पणी'), line('d4', 'चौथी टिप्पणी')]

  test('an unchanged comment is copied; a changed, new or undigested one is read', async () => {
    const { previous } = reader(backupOf(earlier))
    const listed = [
      await listedAs('a1', earlier[0] ?? ''),
      await listedAs('b2', line('b2', 'बदली हुई')),
      await listedAs('c3', line('c3', 'नई')),
      { id: 'd4' },
    ]
    assert.deepEqual(await previous.linesFor(listed), [earlier[0], undefined, undefined, undefined])
  })

  test('a comment deleted since is passed over, and the lines after it still match', async () => {
    const { previous } = reader(backupOf(earlier))
    assert.deepEqual(await previous.linesFor([await listedAs('d4', earlier[2] ?? '')]), [
      earlier[2],
    ])
  })

  test('a line out of id order costs a read, never a wrong line', async () => {
    const { previous } = reader(backupOf([earlier[2], earlier[0], earlier[1]] as string[]))
    const listed = await Promise.all(
      earlier.map((text, i) => listedAs(['a1', 'b2', 'd4'][i] ?? '', text)),
    )
    const found = await previous.linesFor(listed)
    for (const [i, text] of found.entries()) if (text !== undefined) assert.equal(text, earlier[i])
    assert.ok(found.includes(undefined))
  })

  test('Devanagari split between slices comes out whole', async () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      line(`c${String(i).padStart(3, '0')}`, 'टिप्पणी '.repeat(3 + (i % 5))),
    )
    const { previous, bucket } = reader(backupOf(many))
    const listed = await Promise.all(
      many.map((text, i) => listedAs(`c${String(i).padStart(3, '0')}`, text)),
    )
    assert.deepEqual(await previous.linesFor(listed), many)
    assert.ok(bucket.reads > 5, 'the lines spanned many slices')
  })

  test('line ends other than a bare newline, or none at the end, cost reads only', async () => {
    const crlf = earlier.map((text) => `${text}\r\n`).join('')
    const listed = await Promise.all(
      earlier.map((text, i) => listedAs(['a1', 'b2', 'd4'][i] ?? '', text)),
    )
    assert.deepEqual(await reader(crlf).previous.linesFor(listed), [
      undefined,
      undefined,
      undefined,
    ])
    const cut = backupOf(earlier).slice(0, -1)
    assert.deepEqual(await reader(cut).previous.linesFor(listed), [
      earlier[0],
      earlier[1],
      undefined,
    ])
  })

  test('a step passes over at most its slices of deleted comments, and the next goes on from there', async () => {
    const deleted = Array.from({ length: 200 }, (_, i) =>
      line(`b${String(i).padStart(4, '0')}`, 'हटाई गई'),
    )
    const text = backupOf([earlier[0] ?? '', ...deleted, earlier[2] ?? ''])
    const limits = { sliceBytes: 400, slicesPerStep: 3 }
    const listed = [await listedAs('a1', earlier[0] ?? ''), await listedAs('d4', earlier[2] ?? '')]
    const first = reader(text, limits)
    assert.deepEqual(await first.previous.linesFor(listed), [earlier[0], undefined])
    assert.equal(first.bucket.reads, 3, 'no more than its slices')
    let place = first.previous.position()
    let found: Array<string | undefined> = []
    for (let step = 0; step < 20 && found[0] === undefined; step++) {
      const next = reader(text, limits, place.offset).previous
      found = await next.linesFor([listed[1] as ListedComment])
      place = next.position()
    }
    assert.deepEqual(found, [earlier[2]], 'a later step reached it')
  })

  test('the digest is 128 bits of SHA-256 and tells texts one character apart', async () => {
    assert.notEqual(await textDigest('टिप्पणी'), await textDigest('टिप्पणि'))
    assert.equal(await textDigest('same'), await textDigest('same'))
    assert.match(await textDigest(''), /^[A-Za-z0-9_-]{22}$/)
  })
})
