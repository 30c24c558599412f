import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type BuiltArticle, buildLists, feedDigests, listFiles } from '../../scripts/content/lists'
import { dataFiles, listChunkSize, listKey, sectionCardCount } from '../../src/content/data-files'
import { paths } from '../../src/paths'
import { builtArticle, listSite } from '../support/built-articles'

// "तमिऴ": ऴ is U+0934 in NFC and ळ + ़ (U+0933 U+093C) in NFD; both spell one tag.
const nfc = 'तमिऴ'.normalize('NFC')
const nfd = 'तमिऴ'.normalize('NFD')
const site = listSite('worker')

const article = (
  n: number,
  tags: string[],
  published = `2025-01-${String(n).padStart(2, '0')}T00:00:00Z`,
): BuiltArticle => builtArticle(n, tags, published)

const withBody = (entry: BuiltArticle) => ({ ...entry.meta, html: `body of ${entry.meta.slug}` })

describe('the lists the build writes', () => {
  it('stores a tag in NFC once, whichever form an article spells it in', () => {
    assert.notEqual(nfc, nfd)
    const parsed = article(1, [nfd, nfc])
    assert.deepEqual(parsed.meta.tags, [nfc])
  })

  it('makes one list per tag, oldest first, keyed by the NFC tag', () => {
    const { lists, errors } = buildLists(
      [article(1, [nfd]), article(2, ['खेल']), article(3, [nfc])],
      0,
      site.feedSize,
    )
    assert.deepEqual(errors, [])
    const tamil = lists.find((list) => list.name?.kind === 'tag' && list.name.name === nfc)
    assert.deepEqual(
      tamil?.entries.map((e) => e.meta.slug),
      ['a1', 'a3'],
    )
    assert.equal(tamil?.feedFolder, paths.tagFeeds(nfc))
    assert.equal(lists[0]?.name, undefined, 'the site list comes first')
    assert.equal(lists[0]?.entries.length, 3)
  })

  it("makes one list per author, with their file's bio and links and the url their newest article gives", () => {
    const credited = (n: number, url?: string) => {
      const built = article(n, [])
      built.meta.authors = [{ name: nfd, ...(url ? { url } : {}) }, { name: 'दूसरा' }]
      return built
    }
    const { lists } = buildLists(
      [credited(1, 'https://old.example/'), credited(2, 'https://new.example/'), credited(3)],
      0,
      site.feedSize,
      new Map([[nfc, { bio: 'परिचय', links: [{ label: 'X', url: 'https://x.example/' }] }]]),
    )
    const author = lists.find((list) => list.name?.kind === 'author' && list.name.name === nfc)
    assert.deepEqual(
      author?.entries.map((e) => e.meta.slug),
      ['a1', 'a2', 'a3'],
    )
    assert.equal(author?.feedFolder, paths.authorFeeds(nfc))
    assert.deepEqual(author?.author, {
      url: 'https://new.example/',
      bio: 'परिचय',
      links: [{ label: 'X', url: 'https://x.example/' }],
    })
    const other = lists.find((list) => list.name?.kind === 'author' && list.name.name === 'दूसरा')
    assert.deepEqual(other?.author, { links: [] })
  })

  it('names the entries still ahead of the build clock as the scheduled end of each list', () => {
    const now = Date.parse('2025-01-02T12:00:00Z')
    const three = [article(1, ['x']), article(2, ['x']), article(3, ['x'])]
    const { lists } = buildLists(three, now, site.feedSize)
    const head = { count: 3, scheduled: ['2025-01-03T00:00:00Z'], newestFrom: 0 }
    assert.deepEqual(lists[0]?.head, head)
    assert.deepEqual(lists[1]?.head, head)
  })

  it('writes metas in chunks of listChunkSize and a head naming the tag', () => {
    const many = Array.from({ length: listChunkSize + 1 }, (_, i) =>
      article(1, ['x'], new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString()),
    )
    const { lists } = buildLists(many, Date.parse('2030-01-01T00:00:00Z'), site.feedSize)
    const files = listFiles(lists[1] as (typeof lists)[number], withBody)
    const key = listKey('x')
    assert.equal(
      JSON.parse(files.get(dataFiles.namedList('tag', key, 0))?.content() ?? '[]').length,
      listChunkSize,
    )
    assert.equal(
      JSON.parse(files.get(dataFiles.namedList('tag', key, 1))?.content() ?? '[]').length,
      1,
    )
    const { latest, ...head } = JSON.parse(
      files.get(dataFiles.listHead('tag', key))?.content() ?? '{}',
    )
    assert.equal(latest.length, sectionCardCount + 1)
    assert.deepEqual(head, {
      list: { kind: 'tag', name: 'x' },
      count: listChunkSize + 1,
      scheduled: [],
      // Pages of 2 over 101 entries: 49 archive pages, the feed from position 98.
      newestFrom: 98,
    })
  })

  it("puts a tag's scheduled entries and the sectionCardCount + 1 before them in its head, as cards", () => {
    const now = Date.parse('2025-01-07T12:00:00Z')
    const eight = Array.from({ length: 8 }, (_, i) => article(i + 1, ['x'], undefined))
    eight[4]?.meta.tags.push('y')
    const { lists } = buildLists(eight, now, site.feedSize)
    const head = (name: string) => {
      const list = lists.find((l) => l.name?.kind === 'tag' && l.name.name === name)
      const files = listFiles(list as (typeof lists)[number], withBody)
      return JSON.parse(files.get(dataFiles.listHead('tag', listKey(name)))?.content() ?? '{}')
    }
    const x = head('x')
    // a8 is scheduled; it and the four out before it, oldest first.
    assert.deepEqual(x.scheduled, ['2025-01-08T00:00:00Z'])
    assert.deepEqual(
      x.latest.map((card: { slug: string }) => card.slug),
      ['a4', 'a5', 'a6', 'a7', 'a8'],
    )
    // A card is what story-cards.tsx shows: no summary, tags or body.
    assert.deepEqual(x.latest[0], {
      slug: 'a4',
      title: 'लेख 4',
      language: 'hi',
      published: '2025-01-04T00:00:00Z',
      authors: [{ name: 'लेखक' }],
    })
    assert.deepEqual(
      head('y').latest.map((card: { slug: string }) => card.slug),
      ['a5'],
    )
    const author = lists.find((l) => l.name?.kind === 'author')
    const authorFiles = listFiles(author as (typeof lists)[number], withBody)
    const authorHead = authorFiles.get(dataFiles.listHead('author', listKey('लेखक')))?.content()
    assert.equal(JSON.parse(authorHead ?? '{}').latest, undefined, 'only tags have sections')
  })

  it('keeps what a subscription feed can show, bodies and all, in the newest file', () => {
    const now = Date.parse('2025-01-06T12:00:00Z')
    const seven = [1, 2, 3, 4, 5, 6, 7].map((n) => article(n, ['x']))
    const { lists } = buildLists(seven, now, site.feedSize)
    const slugsIn = (list: (typeof lists)[number]) =>
      JSON.parse(listFiles(list, withBody).get(list.newestPath)?.content() ?? '[]').map(
        (entry: { slug: string; html: string }) => `${entry.slug}:${entry.html}`,
      )
    // a7 is scheduled: with 6 out the feed shows a5–a6 (pages 1 and 2 hold a1–a4), and
    // a5–a7 once a7 is out, so the file holds a5–a7.
    assert.deepEqual(slugsIn(lists[0] as (typeof lists)[number]), [
      'a5:body of a5',
      'a6:body of a6',
      'a7:body of a7',
    ])
    assert.equal(lists[0]?.head.newestFrom, 4)
    const allOut = buildLists(seven, Date.parse('2030-01-01T00:00:00Z'), site.feedSize)
    assert.equal(allOut.lists[0]?.head.newestFrom, 4)
    const twoScheduled = buildLists(seven, Date.parse('2025-01-05T12:00:00Z'), site.feedSize)
    // With 5 out no archive page is published yet: the feed shows all five, the file
    // starts at the oldest.
    assert.equal(twoScheduled.lists[0]?.head.newestFrom, 0)
  })

  it('digests what each subscription feed shows: an archived article does not change it', () => {
    const now = Date.parse('2030-01-01T00:00:00Z')
    const seven = [1, 2, 3, 4, 5, 6, 7].map((n) => article(n, ['x']))
    const digests = feedDigests(site, buildLists(seven, now, site.feedSize).lists)
    // Every article is by लेखक: the author's feed is digested beside the tag's.
    assert.deepEqual(
      Object.keys(digests).sort(),
      [paths.siteFeeds, paths.tagFeeds('x'), paths.authorFeeds('लेखक')].sort(),
    )
    // Pages of 2: pages 1 and 2 hold a1–a4, the feed a5–a7.
    const archivedEdit = [{ ...seven[0], hash: 'edited' } as BuiltArticle, ...seven.slice(1)]
    assert.deepEqual(feedDigests(site, buildLists(archivedEdit, now, site.feedSize).lists), digests)
    const shownEdit = [...seven.slice(0, 6), { ...seven[6], hash: 'edited' } as BuiltArticle]
    assert.notEqual(
      feedDigests(site, buildLists(shownEdit, now, site.feedSize).lists)['/'],
      digests['/'],
    )
  })

  it('gives no digest to a tag whose articles are all still scheduled', () => {
    const now = Date.parse('2025-01-01T12:00:00Z')
    const digests = feedDigests(
      site,
      buildLists([article(1, ['old']), article(2, ['new'])], now, site.feedSize).lists,
    )
    assert.ok(digests[paths.tagFeeds('old')])
    assert.equal(digests[paths.tagFeeds('new')], undefined)
  })
})
