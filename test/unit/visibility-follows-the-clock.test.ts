import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { releaseScheduledLines, scheduledMark } from '../../src/content/sitemap-marks'
import type { ListHead, ScheduledArticle } from '../../src/content/types'
import { nextPublication, releasedBy, visibleCount } from '../../src/content/visible'

const at = (iso: string) => Date.parse(iso)
// A list of 5, oldest first, whose two newest entries were ahead of the build's clock.
const head: ListHead = {
  count: 5,
  scheduled: ['2030-01-01T06:00:00+05:30', '2030-01-02T06:00:00+05:30'],
  newestFrom: 0,
}
const scheduled: ScheduledArticle[] = head.scheduled.map((published, i) => ({
  slug: `s${i}`,
  published,
  modified: published,
  tags: [],
  authors: [],
}))

describe('what readers see at an instant', () => {
  it('hides scheduled entries until their very instant, from the newest end', () => {
    assert.equal(visibleCount(head, at('2030-01-01T00:29:59.999Z')), 3)
    assert.equal(visibleCount(head, at('2030-01-01T00:30:00Z')), 4)
    assert.equal(visibleCount(head, at('2030-01-02T00:30:00Z')), 5)
    assert.equal(visibleCount({ count: 7, scheduled: [], newestFrom: 0 }, 0), 7)
  })

  it('names the instant the next scheduled article comes out, and none when all are out', () => {
    assert.equal(nextPublication(scheduled, at('2029-12-31T12:00:00Z')), at('2030-01-01T00:30:00Z'))
    assert.equal(nextPublication(scheduled, at('2030-01-01T00:30:00Z')), at('2030-01-02T00:30:00Z'))
    assert.equal(nextPublication(scheduled, at('2030-01-02T00:30:00Z')), undefined)
  })

  it('lists the scheduled articles already out', () => {
    const slugs = (now: string) => releasedBy(scheduled, at(now)).map((a) => a.slug)
    assert.deepEqual(slugs('2029-01-01T00:00:00Z'), [])
    assert.deepEqual(slugs('2030-01-01T00:30:00Z'), ['s0'])
    assert.deepEqual(slugs('2031-01-01T00:00:00Z'), ['s0', 's1'])
  })

  it('keeps a scheduled URL out of the sitemap until its instant, then shows it unmarked', () => {
    const from = at('2030-01-01T00:30:00Z')
    const text = `<url>a</url>\n${scheduledMark(from)}<url>b</url>\n<url>c</url>\n`
    assert.equal(releaseScheduledLines(text, from - 1), '<url>a</url>\n<url>c</url>\n')
    assert.equal(releaseScheduledLines(text, from), '<url>a</url>\n<url>b</url>\n<url>c</url>\n')
  })
})
