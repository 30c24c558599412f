import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ScheduledArticle } from '../../src/content/types'
import { changedFolders, effectiveDigests } from '../../src/websub/fingerprints'

const news = '/tags/%E0%A4%B8%E0%A4%AE%E0%A4%BE%E0%A4%9A%E0%A4%BE%E0%A4%B0/' // समाचार
const ai = '/tags/%E0%A4%8F%E0%A4%86%E0%A4%88/' // एआई

/** What the build wrote: the site feed and one tag's, over the articles out then. */
const built = { '/': 'site-digest', [news]: 'news-digest' }

function scheduled(slug: string, published: string, tags: string[]): ScheduledArticle {
  return { slug, published, modified: published, tags, authors: [] }
}

const schedule = [
  scheduled('morning', '2026-12-01T06:00:00+05:30', ['समाचार', 'एआई']),
  scheduled('evening', '2026-12-01T18:00:00+05:30', ['एआई']),
]

describe('what each feed says at an instant', () => {
  it('is the build’s digest while every scheduled article is still ahead', () => {
    const now = Date.parse('2026-12-01T00:29:59.999Z')
    assert.deepEqual(effectiveDigests(built, schedule, now), {
      '/': 'site-digest:0',
      [news]: 'news-digest:0',
    })
  })

  it('counts a scheduled article from its published instant on, in the site’s and its tags’ feeds', () => {
    const now = Date.parse('2026-12-01T00:30:00Z')
    assert.deepEqual(effectiveDigests(built, schedule, now), {
      '/': 'site-digest:1',
      [news]: 'news-digest:1',
      [ai]: ':1',
    })
  })

  it('counts every article out by then, and each of its tags once however often it is written', () => {
    const twice = [...schedule, scheduled('night', '2026-12-01T23:00:00+05:30', ['एआई', 'एआई'])]
    const now = Date.parse('2026-12-02T00:00:00Z')
    assert.deepEqual(effectiveDigests(built, twice, now), {
      '/': 'site-digest:3',
      [news]: 'news-digest:1',
      [ai]: ':3',
    })
  })

  it('has the site’s feed once an article is out, even when every article was scheduled at build time', () => {
    assert.deepEqual(effectiveDigests({}, schedule, Date.parse('2026-11-30T00:00:00Z')), {})
    assert.deepEqual(
      effectiveDigests({}, schedule.slice(0, 1), Date.parse('2026-12-02T00:00:00Z')),
      {
        '/': ':1',
        [news]: ':1',
        [ai]: ':1',
      },
    )
  })
})

describe('which feeds changed', () => {
  it('names the feeds that say something else and the new ones, not the ones that went away', () => {
    const before = { '/': 'a:0', [news]: 'b:0', '/tags/gone/': 'c:0' }
    const after = { '/': 'a:1', [news]: 'b:0', [ai]: ':1' }
    assert.deepEqual(changedFolders(before, after).sort(), ['/', ai].sort())
  })
})
