import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseAtomFeed, parseRssFeed } from 'feedsmith'
import { renderAtom } from '../../src/feeds/atom'
import type { FeedDocument } from '../../src/feeds/model'
import { renderRss } from '../../src/feeds/rss'
import { assertWellFormedXml } from '../support/validators'

// What reader-facing parsers got wrong when titles went out as HTML: a literal "&amp;",
// "]]>", markup, quotes, and text that must come through untouched.
const title = `AT&T &amp; Co <script>alert(1)</script> पाठक ]]> दो "q" 'a' 👍`
// Escaped once, `&`, `<` and `>` as hexadecimal references (as the RSS Profile asks).
const escapedOnce =
  "AT&#x26;T &#x26;amp; Co &#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E; पाठक ]]&#x3E; दो &quot;q&quot; 'a' 👍"
const summary = 'सारांश & <b>not bold</b>'

function doc(): FeedDocument {
  return {
    id: 'tag:example.org,2024:feed',
    title: 'साइट',
    description: 'विवरण',
    publisher: 'साइट',
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
        url: 'https://example.org/articles/x',
        title,
        summary,
        contentHtml: '<p>पाठ</p>',
        published: new Date('2024-11-27T12:00:00Z'),
        updated: new Date('2024-11-27T12:00:00Z'),
        authors: [{ name: 'लेखक' }],
        tags: [],
        language: 'hi',
      },
    ],
  }
}

describe('entry titles in RSS and Atom are text', () => {
  it('RSS writes the title escaped exactly once, without CDATA', () => {
    const xml = renderRss(doc())
    assertWellFormedXml(xml)
    assert.ok(xml.includes(`<title>${escapedOnce}</title>`), xml)
    assert.doesNotMatch(xml, /<title><!\[CDATA\[/)
    assert.equal(parseRssFeed(xml).items?.[0]?.title, title)
  })

  it('Atom writes the title as type="text", escaped exactly once', () => {
    const xml = renderAtom(doc())
    assertWellFormedXml(xml)
    assert.ok(xml.includes(`<title type="text">${escapedOnce}</title>`), xml)
    assert.doesNotMatch(xml, /<title type="html">/)
    assert.deepEqual(parseAtomFeed(xml).entries?.[0]?.title, { type: 'text', value: title })
  })

  it('keeps summaries HTML whose text is the summary, as RSS and Atom type="html" say', () => {
    const html = 'सारांश &amp; &lt;b&gt;not bold&lt;/b&gt;'
    assert.equal(parseRssFeed(renderRss(doc())).items?.[0]?.description, html)
    assert.deepEqual(parseAtomFeed(renderAtom(doc())).entries?.[0]?.summary, {
      type: 'html',
      value: html,
    })
  })

  it('leaves no CDATA-wrapped title however the text ends or repeats', () => {
    const tricky = doc()
    const first = tricky.entries[0] as FeedDocument['entries'][number]
    tricky.entries = [']]', ']]>', '', 'a]]]]>b', '<title type="html"><![CDATA[x]]></title>'].map(
      (t, i) => ({ ...first, id: `${first.id}${i}`, title: t }),
    )
    for (const xml of [renderRss(tricky), renderAtom(tricky)]) {
      assertWellFormedXml(xml)
      assert.doesNotMatch(xml, /<title[^>]*><!\[CDATA\[/)
    }
    const atomTitles = parseAtomFeed(renderAtom(tricky)).entries?.map((e) => e.title)
    assert.deepEqual(
      atomTitles?.map((t) => (typeof t === 'string' ? t : t?.value)),
      [']]', ']]>', undefined, 'a]]]]>b', '<title type="html"><![CDATA[x]]></title>'],
    )
  })
})
