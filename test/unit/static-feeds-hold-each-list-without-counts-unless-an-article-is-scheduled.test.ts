import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type BuiltArticle, buildLists } from '../../scripts/content/lists'
import {
  assetPathOf,
  staticFeedHeaders,
  staticFeeds,
  staticFeedsNotices,
} from '../../scripts/content/static-feeds'
import { feedFormatIds, feedFormats } from '../../src/feeds/formats'
import { cacheControl } from '../../src/http/cache-control'
import { paths } from '../../src/paths'
import { builtArticle, listSite } from '../support/built-articles'

const site = listSite('static')
const origin = 'https://news.example.org'
const article = builtArticle

const withBody = (entry: BuiltArticle) => ({ ...entry.meta, html: `<p>${entry.meta.slug}</p>` })
const day = (n: number) => `2025-01-${String(n).padStart(2, '0')}T00:00:00Z`

/** The static feeds of `articles` (oldest first) as the build would write them at `now`. */
function feedsAt(articles: BuiltArticle[], now: number, fileBudget = 1_000) {
  const { lists } = buildLists(articles, now, site.feedSize)
  return staticFeeds({ site, lists, origin, rendererStamp: 'stamp', withBody, fileBudget })
}

const filesOf = (folder: string) => feedFormatIds.map((format) => folder + feedFormats[format].file)

describe('static feeds', () => {
  const seven = Array.from({ length: 7 }, (_, n) => article(n + 1, ['खेल जगत'], day(n + 1)))

  it('writes every format of each list’s subscription feed and archive pages, at its URL path decoded', () => {
    const feeds = feedsAt(seven, Date.parse(day(28)))
    const folders = ['/', '/tags/खेल जगत/', '/authors/लेखक/'].flatMap((folder) => [
      folder,
      `${folder}archive/1/`,
      `${folder}archive/2/`,
    ])
    assert.deepEqual([...feeds.files.keys()].sort(), folders.flatMap(filesOf).sort())
    assert.equal(feeds.lastScheduled, undefined)
    assert.deepEqual(staticFeedsNotices(feeds, 20_000), [])
  })

  it('leaves every comment count out, and links to the canonical origin', () => {
    for (const [path, file] of feedsAt(seven, Date.parse(day(28))).files) {
      const body = file.content()
      assert.doesNotMatch(body, /slash:comments>|thr:count|"count":/, path)
      assert.ok(body.includes(`${origin}/articles/a7`) || path.includes('/archive/'), path)
    }
  })

  it('leaves to the Worker each list with an article after the build, and names the last one’s instant', () => {
    const later = [...seven, article(8, ['नया'], day(20)), article(9, ['नया'], day(25))]
    const feeds = feedsAt(later, Date.parse(day(15)))
    const written = new Set([...feeds.files.keys()].map((path) => path.replace(/[^/]+$/, '')))
    assert.deepEqual([...written].sort(), [
      '/tags/खेल जगत/',
      '/tags/खेल जगत/archive/1/',
      '/tags/खेल जगत/archive/2/',
    ])
    assert.deepEqual(feeds.scheduledFolders, [
      paths.siteFeeds,
      paths.tagFeeds('नया'),
      paths.authorFeeds('लेखक'),
    ])
    assert.equal(feeds.lastScheduled, day(25))
    assert.match(
      staticFeedsNotices(feeds, 20_000).join(''),
      /3 feed folder\(s\).*deploy again after 2025-01-25T00:00:00\.000Z/,
    )
    const offset = { ...feeds, lastScheduled: '2025-01-25T05:30:00+05:30' }
    assert.match(
      staticFeedsNotices(offset, 20_000).join(''),
      /deploy again after 2025-01-25T00:00:00\.000Z/,
      'the instant is named in UTC, whatever offset the article was written with',
    )
  })

  it('leaves to the Worker a tag whose name cannot be one file name', () => {
    const feeds = feedsAt([article(1, ['AC/DC', '..'], day(1))], Date.parse(day(28)))
    assert.deepEqual(
      [...feeds.files.keys()]
        .map((path) => path.replace(/[^/]+$/, ''))
        .filter((f, n, all) => all.indexOf(f) === n),
      ['/', '/authors/लेखक/'],
    )
    assert.equal(assetPathOf(paths.tagFeeds('AC/DC')), undefined)
    assert.equal(assetPathOf(paths.tagFeeds('खेल जगत')), '/tags/खेल जगत/')
  })

  it('stays within the file budget: the site’s feeds, then the largest lists’, then archive pages', () => {
    const tagged = [
      ...seven,
      ...[8, 9, 10].map((n) => article(n, ['छोटा'], day(n))),
      article(11, ['बड़ा', 'छोटा'], day(11)),
      ...[12, 13, 14, 15].map((n) => article(n, ['बड़ा'], day(n))),
    ]
    const folders = (budget: number) => {
      const feeds = feedsAt(tagged, Date.parse(day(28)), budget)
      const written = [...feeds.files.keys()].map((path) => path.replace(/[^/]+$/, ''))
      return { folders: [...new Set(written)], left: feeds.overBudget, feeds }
    }
    // 15 articles: the site and the author have 15, खेल जगत 7, बड़ा 5, छोटा 4.
    assert.deepEqual(folders(3 * 3 + 2).folders, ['/', '/authors/लेखक/', '/tags/खेल जगत/'])
    const { folders: more, left, feeds } = folders(3 * 6)
    assert.deepEqual(more, [
      '/',
      '/authors/लेखक/',
      '/tags/खेल जगत/',
      '/tags/बड़ा/',
      '/tags/छोटा/',
      '/archive/1/',
    ])
    // Archive pages: the site's 6, the author's 6, खेल जगत's 2; the site's first is in.
    assert.equal(left, 6 + 6 + 2 - 1)
    assert.match(
      staticFeedsNotices(feeds, 20_000).join(''),
      /13 feed\(s\) or archive page\(s\) .*20,000 files/,
    )
  })

  it('writes again a feed whose articles or renderers changed, and only then', () => {
    const key = (articles: BuiltArticle[], stamp: string) => {
      const { lists } = buildLists(articles, Date.parse(day(28)), site.feedSize)
      const feeds = staticFeeds({
        site,
        lists,
        origin,
        rendererStamp: stamp,
        withBody,
        fileBudget: 1_000,
      })
      return feeds.files.get('/feed.xml')?.key
    }
    const edited = seven.map((entry, n) => (n === 6 ? { ...entry, hash: 'edited' } : entry))
    assert.equal(key(seven, 'stamp'), key(seven, 'stamp'))
    assert.notEqual(key(seven, 'stamp'), key(edited, 'stamp'))
    assert.notEqual(key(seven, 'stamp'), key(seven, 'new renderer'))
  })
})

describe('the static feeds’ _headers rules', () => {
  const rules = (text: string) =>
    new Map(
      text
        .split(/\n(?=\/)/)
        .map((block) => block.trim().split('\n'))
        .map(([path, ...headers]) => [path ?? '', headers.map((line) => line.trim())]),
    )

  it('give each feed file its format’s type, the Worker’s Cache-Control in place of the assets’, its CORS and the hub', () => {
    const hub = 'https://hub.example.org/'
    const byPath = rules(staticFeedHeaders({ ...site, websubHub: hub }, origin))
    assert.equal(byPath.size, 3 * 2 * feedFormatIds.length)
    for (const format of feedFormatIds) {
      const { file, mediaType } = feedFormats[format]
      const type = `Content-Type: ${mediaType}; charset=utf-8`
      const cors = [
        'Access-Control-Allow-Origin: *',
        'Access-Control-Expose-Headers: ETag,Retry-After',
      ]
      assert.deepEqual(byPath.get(`/tags/:tag/${file}`), [
        '! Cache-Control',
        `Cache-Control: ${cacheControl.feed}`,
        type,
        ...cors,
        `Link: <${hub}>; rel="hub", <${origin}/tags/:tag/${file}>; rel="self"`,
      ])
      assert.deepEqual(byPath.get(`/authors/:author/archive/:page/${file}`), [
        '! Cache-Control',
        `Cache-Control: ${cacheControl.archive}`,
        type,
        ...cors,
      ])
    }
  })

  it('name no hub when the site has none', () => {
    assert.doesNotMatch(staticFeedHeaders(site, origin), /Link:/)
  })
})
