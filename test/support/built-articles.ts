import assert from 'node:assert/strict'
import type { BuiltArticle } from '../../scripts/content/lists'
import { parseArticle } from '../../scripts/content/parse-article'
import type { SiteSettings } from '../../src/content/types'

/** A Hindi site whose feeds hold 2 articles, for tests of the lists and feeds the build writes. */
export function listSite(feeds: SiteSettings['feeds']): SiteSettings {
  return {
    title: 'साइट',
    description: 'विवरण',
    language: 'hi',
    idAuthority: 'example.org,2024',
    feedSize: 2,
    autoApproveComments: false,
    feeds,
    commentOrigins: [],
    menu: [],
    sections: [],
  }
}

/** Article `a<n>` by लेखक with `tags`, parsed as the build parses a file, without its body. */
export function builtArticle(n: number, tags: string[], published: string): BuiltArticle {
  const text = `---\ntitle: "लेख ${n}"\nslug: a${n}\npublished: ${published}\nlanguage: hi\nsummary: "सारांश"\nauthors:\n  - name: लेखक\ntags: [${tags.map((t) => JSON.stringify(t)).join(', ')}]\n---\n\nपाठ\n`
  const parsed = parseArticle(`a${n}.md`, text, (markdown) => ({ html: markdown, problems: [] }))
  assert.ok(parsed.ok, JSON.stringify(parsed))
  const { html: _html, ...meta } = parsed.value
  return { meta, hash: `hash-${n}`, publishedAt: Date.parse(meta.published) }
}
