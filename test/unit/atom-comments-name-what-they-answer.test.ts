import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseAtomFeed } from 'feedsmith'
import type { PublicComment } from '../../src/comments/types'
import type { ArticleMeta, SiteSettings } from '../../src/content/types'
import { renderAtom } from '../../src/feeds/atom'
import { commentFeed } from '../../src/feeds/comment-feed'
import { renderRss } from '../../src/feeds/rss'
import { assertWellFormedXml } from '../support/validators'

const site: SiteSettings = {
  title: 'साइट',
  description: 'विवरण',
  language: 'hi',
  idAuthority: 'example.org,2024',
  feedSize: 10,
  autoApproveComments: false,
  feeds: 'worker',
  commentOrigins: [],
  menu: [],
  sections: [],
}
const article: ArticleMeta = {
  slug: 'x',
  title: 'लेख',
  summary: 'सारांश',
  language: 'hi',
  published: '2024-11-27T12:00:00Z',
  authors: [{ name: 'लेखक' }],
  tags: [],
  comments: 'open',
}
const origin = 'https://example.org'

function comment(id: string, minute: number, parent?: string): PublicComment {
  return {
    id,
    article: 'x',
    author: `लेखक ${id}`,
    content: 'पाठ',
    created: `2024-11-28T12:0${minute}:00Z`,
    ...(parent ? { parent } : {}),
  }
}

// Oldest first, as the store hands them over: a top-level comment, a reply to it, a reply
// to the reply, and a reply whose parent was never approved.
const approved = [
  comment('top', 1),
  comment('reply', 2, 'top'),
  comment('deeper', 3, 'reply'),
  comment('orphan', 4, 'held'),
]

function inReplyToById(xml: string) {
  const entries = parseAtomFeed(xml).entries ?? []
  return Object.fromEntries(entries.map((e) => [e.id, e.thr?.inReplyTos]))
}

const articleRef = {
  ref: 'tag:example.org,2024:articles/x',
  href: 'https://example.org/articles/x',
  type: 'text/html',
}
const commentRef = (id: string) => ({
  ref: `tag:example.org,2024:articles/x/comments/${id}`,
  href: `https://example.org/articles/x#comment-${id}`,
  type: 'text/html',
})
const idOf = (id: string) => `tag:example.org,2024:articles/x/comments/${id}`

describe('Atom comment entries carry thr:in-reply-to (RFC 4685 section 3)', () => {
  it('points a reply at its parent comment and a top-level comment at the article', () => {
    const xml = renderAtom(commentFeed(site, article, origin, approved))
    assertWellFormedXml(xml)
    assert.deepEqual(inReplyToById(xml), {
      [idOf('top')]: [articleRef],
      [idOf('reply')]: [commentRef('top')],
      [idOf('deeper')]: [commentRef('reply')],
      [idOf('orphan')]: [articleRef],
    })
  })

  it('names a parent that has dropped out of the newest comments the feed holds', () => {
    const many = [
      comment('top', 1),
      ...Array.from({ length: 50 }, (_, i) => comment(`r${i}`, 2, 'top')),
    ]
    const xml = renderAtom(commentFeed(site, article, origin, many))
    const byId = inReplyToById(xml)
    assert.equal(byId[idOf('top')], undefined, 'the parent itself is past the 50 newest')
    assert.deepEqual(byId[idOf('r0')], [commentRef('top')])
  })

  it("writes a `$'` in the origin as it is, not as a replacement pattern", () => {
    const dollarOrigin = "http://a$'b.example"
    const xml = renderAtom(commentFeed(site, article, dollarOrigin, approved))
    assertWellFormedXml(xml)
    const byId = inReplyToById(xml)
    assert.equal(byId[idOf('reply')]?.[0]?.href, `${dollarOrigin}/articles/x#comment-top`)
  })

  it('leaves RSS without a reply reference, as RSS has no standard one', () => {
    const xml = renderRss(commentFeed(site, article, origin, approved))
    assert.doesNotMatch(xml, /in-reply-to/)
  })
})
