import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderAtom } from '../../src/feeds/atom'
import { feedUrls } from '../../src/feeds/formats'
import { renderJsonFeed } from '../../src/feeds/json-feed'
import type { FeedDocument } from '../../src/feeds/model'
import { renderRss } from '../../src/feeds/rss'
import { atomProblems, jsonFeedProblems, rssProblems } from '../support/strict-feed-validators'

// The validators are only worth their silence if they speak up: each breakage below is one
// the W3C Feed Validation Service reports, made to a document our renderers write.
const origin = 'https://news.example.org'
const entry = (n: number) => ({
  id: `tag:news.example.org,2024:articles/a-${n}`,
  url: `${origin}/articles/a-${n}`,
  title: `लेख ${n} & <साथी>`,
  summary: 'सारांश',
  contentHtml: `<p>पाठ <a href="${origin}/articles/a-0">पिछला</a></p>`,
  published: new Date(Date.UTC(2025, 0, n, 4, 30)),
  updated: new Date(Date.UTC(2025, 0, n, 4, 30)),
  authors: [{ name: 'लेखक' }],
  tags: ['सभी', 'तमिऴ'],
  language: 'hi',
  image: { url: `${origin}/media/map.png`, type: 'image/png', length: 33 },
  replies: {
    pageUrl: `${origin}/articles/a-${n}#comments`,
    feeds: feedUrls(`${origin}/articles/a-${n}/comments/`),
  },
})
const archivePage: FeedDocument = {
  id: 'tag:news.example.org,2024:feed',
  title: 'एज समाचार',
  description: 'समाचार',
  publisher: 'एज समाचार',
  language: 'hi',
  homeUrl: `${origin}/`,
  links: feedUrls(`${origin}/archive/2/`),
  updated: new Date(Date.UTC(2025, 0, 3, 4, 30)),
  entries: [entry(3), entry(2)],
  history: {
    archive: true,
    current: feedUrls(`${origin}/`),
    prevArchive: feedUrls(`${origin}/archive/1/`),
    nextArchive: feedUrls(`${origin}/archive/3/`),
  },
}
const rss = renderRss(archivePage)
const atom = renderAtom(archivePage)
const json = renderJsonFeed(archivePage)
const urls = archivePage.links

function broken(document: string, from: string | RegExp, to: string): string {
  const changed = document.replace(from, to)
  assert.notEqual(changed, document, `the breakage ${from} applies`)
  return changed
}

// Side by side: each Atom check waits for libxml2 in a worker thread of its own.
describe('the strict feed validators', { concurrency: true }, () => {
  it('find nothing wrong with the archive page our renderers write', async () => {
    assert.deepEqual(rssProblems(rss, urls.rss), [])
    assert.deepEqual(await atomProblems(atom, urls.atom), [])
    assert.deepEqual(jsonFeedProblems(JSON.parse(json), urls.json), [])
  })

  const rssBreakages: Array<[string, string | RegExp, string, RegExp]> = [
    ['no self link', /<atom:link href="[^"]+" rel="self"[^>]*\/>/, '', /0 self links/],
    ['a self link elsewhere', 'archive/2/feed.xml"', 'feed.xml"', /is not the document's URL/],
    ['an undeclared prefix', / xmlns:dc="[^"]+"/, '', /prefix dc: is not declared/],
    ['a two-digit year', ' 2025 04:30', ' 25 04:30', /four-digit year/],
    ['the wrong day name', 'Fri, 03 Jan', 'Sat, 03 Jan', /wrong day/],
    ['a tag: guid said to be a permalink', ' isPermaLink="false"', '', /lacks isPermaLink/],
    ['a blank category', '<category>सभी</category>', '<category> </category>', /blank <category>/],
    ['an enclosure without length', / length="33"/, '', /enclosure length/],
    ['a relative prev-archive', `href="${origin}/archive/1/`, 'href="/archive/1/', /not absolute/],
    ['fh:archive with content', '<fh:archive/>', '<fh:archive>x</fh:archive>', /must be empty/],
    ['a relative link in content', `href="${origin}/articles/a-0"`, 'href="/x"', /relative URL/],
    ['a repeated guid', 'articles/a-2</guid>', 'articles/a-3</guid>', /share the guid/],
    [
      'content:encoded without a description before it',
      /<description><!\[CDATA\[[^\]]*\]\]><\/description>/g,
      '',
      /ensure description precedes content:encoded/,
    ],
    [
      'an archive page that links neither on nor back',
      /<atom:link rel="(?:prev|next)-archive"[^>]*\/>/g,
      '',
      /archive incomplete/,
    ],
    [
      'an HTML end tag in a title',
      /<title>लेख 3[^<]*<\/title>/,
      '<title>&lt;/b&gt;लेख 3</title>',
      /should not contain HTML/,
    ],
    [
      'an entity in a title',
      /<title>लेख 3[^<]*<\/title>/,
      '<title>&amp;copy लेख 3</title>',
      /should not contain HTML/,
    ],
    [
      'markup in a title escaped without hexadecimal references',
      /<title>लेख 3[^<]*<\/title>/,
      '<title>&lt;b&gt;लेख 3</title>',
      /hexadecimal character references/,
    ],
    [
      'a decomposed tag',
      '<category>तमिऴ</category>',
      `<category>${'तमिऴ'.normalize('NFD')}</category>`,
      /NFC/,
    ],
  ]
  for (const [name, from, to, expected] of rssBreakages) {
    it(`report ${name} in RSS`, () => {
      assert.match(rssProblems(broken(rss, from, to), urls.rss).join('\n'), expected)
    })
  }

  const atomBreakages: Array<[string, string | RegExp, string, RegExp]> = [
    ['no self link', /<link rel="self"[^>]*\/>/, '', /0 self links/],
    ['a missing updated', /<updated>[^<]+<\/updated>/, '', /RELAX NG: .*updated/],
    ['an Atom element the RFC does not define', '<subtitle>', '<foo/><subtitle>', /RELAX NG/],
    ['repeated entry ids', 'articles/a-2</id>', 'articles/a-3</id>', /share the id/],
    [
      'an HTML end tag in a text title',
      /<title type="text">लेख 3[^<]*<\/title>/,
      '<title type="text">&lt;/b&gt;लेख 3</title>',
      /should not contain HTML/,
    ],
    ['an entity in an author name', '<name>लेखक', '<name>&amp;amp;लेखक', /should not contain HTML/],
    [
      'an archive page that links neither on nor back',
      /<link rel="(?:prev|next)-archive"[^>]*\/>/g,
      '',
      /archive incomplete/,
    ],
    [
      'a relative entry link',
      `<link href="${origin}/articles/a-3"/>`,
      '<link href="/a-3"/>',
      /not absolute/,
    ],
  ]
  for (const [name, from, to, expected] of atomBreakages) {
    it(`report ${name} in Atom`, async () => {
      assert.match((await atomProblems(broken(atom, from, to), urls.atom)).join('\n'), expected)
    })
  }

  it('report a JSON Feed whose next_url is itself or relative', () => {
    const feed = JSON.parse(json)
    assert.match(jsonFeedProblems({ ...feed, next_url: urls.json }, urls.json).join(), /itself/)
    assert.match(
      jsonFeedProblems({ ...feed, next_url: '/archive/1/feed.json' }, urls.json).join(),
      /not absolute/,
    )
  })
})
