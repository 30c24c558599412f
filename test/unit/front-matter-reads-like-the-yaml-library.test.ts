import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { parseSimpleYaml, splitFrontMatter } from '../../scripts/content/front-matter'
import { syntheticArticle } from '../../scripts/generate-articles'
import { articleTemplate } from '../../scripts/new-article-template'
import { testSiteSettings } from '../harness/test-site'

// Every one of these is either read by the fast reader exactly as the YAML
// library reads it, or left to the library.
const shapes = [
  'a: 0',
  'a: 20',
  'a: 007',
  'a: 123456789012345',
  'a: 1234567890123456',
  'a: false',
  'a: 1',
  'a: true',
  'a: TRUE',
  'a: null',
  'a: ~',
  'a:',
  'a: 1.5',
  'a: .5',
  'a: 1.',
  'a: 0x1F',
  'a: 0o17',
  'a: 1e3',
  'a: +1',
  'a: -0',
  'a: .inf',
  'a: -.inf',
  'a: .NaN',
  'a: 1_000',
  'a: yes',
  'a: -',
  'a: - b',
  'a: b: c',
  'a: x:y',
  'a: b #c',
  'a: C#',
  'a: https://x.org/a#b',
  'a: "x" #c',
  "a: 'it''s'",
  "a: 'x'y'",
  'a: "\\x41"',
  'a: "\\u0041"',
  'a: "a\\/b"',
  'a: "a\\\\b"',
  'a: "x"y',
  'a: &x b',
  'a: *x',
  'a: !!str 1',
  'a: @x',
  'a: `x',
  'a: %x',
  'a: [1]',
  'a: []',
  'a: {}',
  'a: [x',
  'a: x]',
  'a: x,y',
  'a: b\nb: c\na: d',
  'a:\n- b',
  'a:\n  - b\n  - c',
  'a:\n  - b: 1',
  'a:\n  - b: c\n    d: e\n  - b: f',
  'a:\n  b: c\n  d: e\nf: g',
  'a:\n  b:\n    c: d',
  'a:\n    - x\n  - y',
  'a: b\n  c',
  'a: |\n  x',
  'a: >\n  x',
  'a: b\n# c\nd: e',
  'a:\n  # x\n  - b',
  ' a: b',
  'a: b ',
  'a:  b',
  'a: "b" ',
  'a: "x\ty"',
  'a: x\u00a0',
  'a: "\u0007"',
  '__proto__: x',
  '---\na: b',
  'a: b\n...',
  'a: 2024-11-27T17:30:00+05:30',
  'a: 2024-11-27',
  'a: 12:30',
  'a: "एआई नैतिकता"',
  'a: एआई नैतिकता',
]

function yamlOf(text: string): string {
  return /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? ''
}

describe('front matter', () => {
  it('reads every shape like the YAML library, or leaves it to the library', () => {
    let read = 0
    for (const yaml of shapes) {
      const fast = parseSimpleYaml(yaml)
      if (fast === undefined) continue
      read++
      assert.deepEqual(fast, parse(yaml), JSON.stringify(yaml))
    }
    assert.ok(read > 20, `only ${read} shapes were read without the library`)
  })

  it('reads generated articles and the new-article template without the library, as the library does', () => {
    const texts = [
      ...Array.from({ length: 200 }, (_, i) => syntheticArticle(i + 1).text),
      articleTemplate({
        slug: 'a-b',
        published: '2026-01-01T09:00+05:30',
        language: 'hi',
        author: 'अंकित & "टीम"',
      }),
    ]
    for (const text of texts) {
      const yaml = yamlOf(text)
      const fast = parseSimpleYaml(yaml)
      assert.notEqual(fast, undefined, yaml)
      assert.deepEqual(fast, parse(yaml))
    }
  })

  it('reads site.yaml without the library, as the library does', () => {
    const text = readFileSync(testSiteSettings, 'utf8')
    assert.deepEqual(parseSimpleYaml(text), parse(text))
  })

  it('still reports invalid YAML through the library', () => {
    assert.match(
      String(splitFrontMatter('---\ntitle: "x\n---\nbody\n')),
      /^front matter is not valid YAML: /,
    )
  })
})
