import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseAtomFeed, parseRssFeed } from 'feedsmith'
import { renderAtom } from '../../src/feeds/atom'
import { feedUrls } from '../../src/feeds/formats'
import { renderJsonFeed } from '../../src/feeds/json-feed'
import type { FeedDocument } from '../../src/feeds/model'
import { renderRss } from '../../src/feeds/rss'
import { assertValidJsonFeed, assertWellFormedXml } from '../support/validators'

const nasty = 'a]]>b]]>c &amp; & <i>x</i> "q" \u0001\u0008\u000B\uFFFE\uFFFF\uD800 end'
const cleaned = 'a]]>b]]>c &amp; & <i>x</i> "q"  end'

function doc(text: string): FeedDocument {
  return {
    id: 'tag:example.org,2024:feed',
    title: text,
    description: text,
    publisher: text,
    language: 'hi',
    homeUrl: 'https://example.org/',
    links: {
      rss: 'https://example.org/feed.xml',
      atom: 'https://example.org/atom.xml',
      json: 'https://example.org/feed.json',
    },
    updated: new Date('2024-11-27T12:00:00Z'),
    entries: [
      {
        id: 'tag:example.org,2024:articles/x',
        url: 'https://example.org/articles/x?a=1&b=2',
        title: text,
        summary: text,
        contentHtml: `<p>${text}</p>`,
        published: new Date('2024-11-27T12:00:00Z'),
        updated: new Date('2024-11-28T12:00:00Z'),
        authors: [{ name: text }, { name: 'दूसरा लेखक' }],
        tags: ['टैग'],
        language: 'hi',
        replies: {
          pageUrl: 'https://example.org/articles/x#comments',
          feeds: feedUrls('https://example.org/articles/x/comments/'),
          count: 3,
        },
      },
    ],
  }
}

describe('feed renderers with hostile text', () => {
  it('RSS stays well-formed and every text decodes to the input minus forbidden characters', () => {
    const xml = renderRss(doc(nasty))
    assertWellFormedXml(xml)
    const feed = parseRssFeed(xml)
    assert.equal(feed.title, cleaned)
    assert.equal(feed.description, cleaned)
    const item = feed.items?.[0]
    assert.deepEqual(item?.dc?.creators, [cleaned, 'दूसरा लेखक'])
    assert.equal(item?.link, 'https://example.org/articles/x?a=1&b=2')
    assert.equal(item?.slash?.comments, 3)
    assert.equal(item?.title, cleaned)
    // Descriptions are HTML in a CDATA section: decoding the HTML gives the text back.
    assert.equal(
      item?.description,
      'a]]&gt;b]]&gt;c &amp;amp; &amp; &lt;i&gt;x&lt;/i&gt; &quot;q&quot;  end',
    )
  })

  it('Atom stays well-formed, with two authors and the replies links', () => {
    const xml = renderAtom(doc(nasty))
    assertWellFormedXml(xml)
    const feed = parseAtomFeed(xml)
    assert.equal(feed.title?.value ?? feed.title, cleaned)
    const entry = feed.entries?.[0]
    assert.deepEqual(entry?.title, { type: 'text', value: cleaned })
    assert.deepEqual(
      entry?.authors?.map((a) => a.name),
      [cleaned, 'दूसरा लेखक'],
    )
    assert.equal(entry?.links?.filter((l) => l.rel === 'replies').length, 2)
    assert.match(xml, /<content type="html"><!\[CDATA\[<p>a\]\]&gt;b\]\]&gt;c/)
  })

  it('JSON Feed 1.1 stays valid and keeps the text exact, lone surrogate escaped', () => {
    const json = renderJsonFeed(doc(nasty))
    const feed = JSON.parse(json)
    assertValidJsonFeed(feed)
    assert.equal(feed.items[0].title, nasty)
    assert.doesNotMatch(json, /[\uD800-\uDFFF]/u)
  })
})
