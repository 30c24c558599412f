import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PublicComment } from '../../src/comments/types'
import type { ArticleMeta, SiteSettings } from '../../src/content/types'
import { renderAtom } from '../../src/feeds/atom'
import { commentFeed, threadFeed } from '../../src/feeds/comment-feed'
import { renderRss } from '../../src/feeds/rss'
import { atomProblems, rssProblems } from '../support/strict-feed-validators'

// Names the rules now refuse (`<`, `>`) but a store may hold from before, and names they
// take that read like entities: every comment and thread feed still draws no warning.
const origin = 'https://news.example.org'
const site: SiteSettings = {
  title: 'एज समाचार',
  description: 'समाचार',
  language: 'hi',
  idAuthority: 'news.example.org,2024',
  feedSize: 10,
  autoApproveComments: false,
  feeds: 'worker',
  commentOrigins: [],
  menu: [],
  sections: [],
}
const article: ArticleMeta = {
  slug: 'lekh',
  title: 'लेख & <साथी>',
  summary: 'सारांश',
  language: 'hi',
  published: '2025-01-01T04:30:00Z',
  authors: [{ name: 'लेखक' }],
  tags: [],
  comments: 'open',
}
const comment = (n: number, author: string, parent?: string): PublicComment => ({
  id: `00000000${n}aaaaaaaaaa`,
  article: article.slug,
  author,
  content: `टिप्पणी ${n} </b> &copy; ]]> ${'शब्द '.repeat(80)}`,
  created: new Date(Date.UTC(2025, 0, 2, n)).toISOString(),
  ...(parent ? { parent } : {}),
})
const parent = comment(1, '<Co>')
const comments = [
  parent,
  comment(2, 'Replier & Sons <x>', parent.id),
  comment(3, '</b>&amp;copy &#38;', parent.id),
  comment(4, '<script>alert(1)</script>'),
]

describe('comment and thread feeds built from names with markup stored before the rule', () => {
  const documents = [
    commentFeed(site, article, origin, comments),
    threadFeed(site, article, origin, parent, comments.slice(1, 3)),
  ]

  it('draw no problem from the strict RSS and Atom validators', async () => {
    for (const doc of documents) {
      assert.deepEqual(rssProblems(renderRss(doc), doc.links.rss), [], doc.links.rss)
      assert.deepEqual(await atomProblems(renderAtom(doc), doc.links.atom), [], doc.links.atom)
    }
  })

  it('show the names without < and >, and each comment opens with a one-line summary', () => {
    const [feed, thread] = documents
    assert.deepEqual(
      feed?.entries.map((entry) => entry.title),
      [
        `scriptalert(1)/script: ${article.title}`,
        `/b&amp;copy &#38;: ${article.title}`,
        `Replier & Sons x: ${article.title}`,
        `Co: ${article.title}`,
      ],
    )
    assert.equal(thread?.title, `Co — ${article.title}`)
    const summary = feed?.entries[0]?.summary ?? ''
    assert.equal([...summary].length, 200)
    assert.ok(summary.endsWith('…') && !summary.includes('\n'), summary)
  })
})
