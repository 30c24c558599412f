import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { archiveLayout, archivePageRange } from '../../src/feeds/archive'

/** Every document of the chain as positions (oldest = 0), newest document first. */
function chain(count: number, pageSize: number): number[][] {
  const { pageCount, currentStart } = archiveLayout(count, pageSize)
  const positions = (start: number, end: number) =>
    Array.from({ length: end - start }, (_, i) => start + i)
  const documents = [positions(currentStart, count)]
  for (let page = pageCount; page >= 1; page--) {
    const range = archivePageRange(count, pageSize, page)
    assert.ok(range, `page ${page} of ${pageCount}`)
    documents.push(positions(range.start, range.end))
  }
  return documents
}

describe('RFC 5005 archive layout', () => {
  it('puts every article in exactly one document', () => {
    for (let pageSize = 1; pageSize <= 7; pageSize++) {
      for (let count = 0; count <= 60; count++) {
        const all = chain(count, pageSize)
          .flat()
          .sort((a, b) => a - b)
        assert.deepEqual(
          all,
          Array.from({ length: count }, (_, i) => i),
          `${count} articles, pages of ${pageSize}`,
        )
      }
    }
  })

  it('keeps every article in the subscription feed until three pages are full, then at least feed_size and fewer than twice that', () => {
    for (let count = 0; count <= 40; count++) {
      const current = count - archiveLayout(count, 5).currentStart
      if (count < 15) assert.equal(current, count)
      else assert.ok(current >= 5 && current < 10, `${count}: ${current}`)
    }
  })

  it('never publishes a lone archive page, which could link neither back nor on', () => {
    for (let count = 0; count <= 60; count++) {
      assert.notEqual(archiveLayout(count, 5).pageCount, 1, `${count} articles`)
    }
    assert.equal(archiveLayout(14, 5).pageCount, 0)
    assert.equal(archiveLayout(15, 5).pageCount, 2)
  })

  it('publishes only full pages, and a page never changes as articles arrive', () => {
    const seen = new Map<number, string>()
    for (let count = 0; count <= 60; count++) {
      const { pageCount } = archiveLayout(count, 5)
      for (let page = 1; page <= pageCount; page++) {
        const range = archivePageRange(count, 5, page)
        assert.equal(range && range.end - range.start, 5)
        const before = seen.get(page)
        if (before) assert.equal(JSON.stringify(range), before, `page ${page} moved at ${count}`)
        seen.set(page, JSON.stringify(range))
      }
    }
  })

  it('has no page 0, no page past the last, and no fractional page', () => {
    assert.equal(archivePageRange(14, 5, 0), undefined)
    assert.deepEqual(archivePageRange(15, 5, 2), { start: 5, end: 10 })
    assert.equal(archivePageRange(14, 5, 1), undefined)
    assert.equal(archivePageRange(15, 5, 3), undefined)
    assert.equal(archivePageRange(15, 5, 1.5), undefined)
  })
})
