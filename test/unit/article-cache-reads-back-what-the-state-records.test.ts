import assert from 'node:assert/strict'
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ArticleCache } from '../../scripts/content/article-cache'
import type { ArticleMeta } from '../../src/content/types'

const meta = (slug: string, extra: Partial<ArticleMeta> = {}): ArticleMeta => ({
  slug,
  title: `शीर्षक ${slug}`,
  summary: 'सारांश',
  language: 'hi',
  published: '2024-11-27T12:00:00+05:30',
  ...extra,
  authors: [{ name: 'लेखक' }],
  tags: ['एआई'],
  comments: 'open',
})

function cacheWith(articles: ArticleMeta[]) {
  const dir = mkdtempSync(join(tmpdir(), 'article-cache-'))
  const first = new ArticleCache(dir, {
    shapes: [],
    cache: { metaBytes: 0, bodyBytes: 0, rewrites: 0 },
  })
  const stored = articles.map((a) => first.add(a, `<p>${a.title}</p>`))
  first.flush()
  return { dir, stored, state: first.state }
}

describe('article cache', () => {
  it('gives a later build the same metadata and bodies, unchanged ones as lazy objects that serialise alike', () => {
    const articles = [meta('a'), meta('b', { updated: '2024-11-28T12:00:00+05:30' })]
    const { dir, stored, state } = cacheWith(articles)
    const later = new ArticleCache(dir, state)
    assert.equal(later.emptied, false)
    for (const [i, article] of articles.entries()) {
      const at = stored[i]
      assert.ok(at)
      const lazy = later.lazyMeta(at)
      assert.equal(JSON.stringify(lazy), JSON.stringify(article))
      assert.deepEqual({ ...lazy }, article)
      assert.equal(later.body(at), `<p>${article.title}</p>`)
    }
  })

  it('drops what a stopped build appended after the state it left', () => {
    const { dir, stored, state } = cacheWith([meta('a')])
    appendFileSync(join(dir, 'metas.jsonl'), '{"slug":"half')
    appendFileSync(join(dir, 'bodies.pack'), '<p>half')
    const later = new ArticleCache(dir, state)
    assert.equal(later.emptied, false)
    const at = stored[0]
    assert.ok(at)
    assert.equal(later.meta(at).slug, 'a')
    const added = later.add(meta('c'), '<p>c</p>')
    later.flush()
    assert.equal(new ArticleCache(dir, later.state).meta(added).slug, 'c')
  })

  it('starts anew when its files are shorter than the state says', () => {
    const { dir, state } = cacheWith([meta('a')])
    writeFileSync(join(dir, 'metas.jsonl'), '')
    assert.equal(new ArticleCache(dir, state).emptied, true)
  })
})
