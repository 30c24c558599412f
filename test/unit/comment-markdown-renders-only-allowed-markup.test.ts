import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { allowedTags, renderCommentMarkdown } from '../../src/comments/markdown'

const rel = 'rel="nofollow ugc noopener"'

/**
 * Fails unless `html` holds only allow-listed tags, properly nested, with no
 * attribute but a checked href and rel on links and start on lists, and no `<`,
 * `>` or `"` outside a tag (every text escaped).
 */
function assertOnlyAllowedMarkup(html: string, source: string): void {
  const open: string[] = []
  const tag = /<(\/?)([a-z]+)([^<>]*)>/g
  let last = 0
  for (const match of html.matchAll(tag)) {
    const between = html.slice(last, match.index)
    assert.doesNotMatch(between, /[<>"]/, `unescaped text in ${JSON.stringify(source)}`)
    last = (match.index ?? 0) + match[0].length
    const [, closing, name = '', attributes = ''] = match
    assert.ok(
      (allowedTags as readonly string[]).includes(name),
      `<${name}> from ${JSON.stringify(source)}`,
    )
    if (closing) {
      assert.equal(open.pop(), name, `misnested </${name}> from ${JSON.stringify(source)}`)
      continue
    }
    if (name === 'a') {
      assert.match(attributes, /^ href="(https?:|mailto:)[^"<>\s]*" rel="nofollow ugc noopener"$/)
    } else if (name === 'ol') {
      assert.match(attributes, /^( start="\d+")?$/)
    } else {
      assert.equal(attributes, '', `<${name}${attributes}> from ${JSON.stringify(source)}`)
    }
    if (name !== 'br') open.push(name)
  }
  assert.doesNotMatch(html.slice(last), /[<>"]/)
  assert.deepEqual(open, [], `unclosed tags from ${JSON.stringify(source)}`)
}

describe('comment Markdown', () => {
  const cases: Array<[string, string, string]> = [
    [
      'emphasis and strong',
      'a *b* _c_ **d** __e__ ***f***',
      '<p>a <em>b</em> <em>c</em> <strong>d</strong> <strong>e</strong> <strong><em>f</em></strong></p>',
    ],
    ['inline code, escaped', 'run `a <b> & c`', '<p>run <code>a &lt;b&gt; &amp; c</code></p>'],
    [
      'a link with the ugc rel',
      '[site](https://example.org/a?b=1&c=2)',
      `<p><a href="https://example.org/a?b=1&amp;c=2" ${rel}>site</a></p>`,
    ],
    [
      'an autolink',
      '<https://example.org/>',
      `<p><a href="https://example.org/" ${rel}>https://example.org/</a></p>`,
    ],
    [
      'a fenced code block',
      '```js\nif (a < b) {}\n```',
      '<pre><code>if (a &lt; b) {}</code></pre>',
    ],
    ['a quote', '> quoted\n> still', '<blockquote><p>quoted<br>still</p></blockquote>'],
    ['a bullet list', '- one\n- two', '<ul><li>one</li><li>two</li></ul>'],
    [
      'a numbered list keeps its start',
      '3. three\n4. four',
      '<ol start="3"><li>three</li><li>four</li></ol>',
    ],
    ['paragraphs and line breaks', 'one\ntwo\n\nthree', '<p>one<br>two</p><p>three</p>'],
    ['a heading stays text', '# Title', '<p># Title</p>'],
    [
      'an image stays text',
      '![alt](https://example.org/x.png)',
      '<p>![alt](https://example.org/x.png)</p>',
    ],
    [
      'raw HTML stays text',
      '<img src=x onerror=alert(1)>',
      '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
    ],
    [
      'a javascript: link stays text',
      '[x](javascript:alert(1))',
      '<p>[x](javascript:alert(1))</p>',
    ],
    ['a data: autolink stays text', '<data:text/html,x>', '<p>&lt;data:text/html,x&gt;</p>'],
    ['words with underscores stay words', 'snake_case_name', '<p>snake_case_name</p>'],
    ['escaped stars stay stars', '\\*not\\*', '<p>*not*</p>'],
    ['a run of stars stays text', '*'.repeat(40), `<p>${'*'.repeat(40)}</p>`],
  ]
  for (const [name, source, html] of cases) {
    it(`renders ${name}`, () => {
      assert.equal(renderCommentMarkdown(source), html)
      assertOnlyAllowedMarkup(html, source)
    })
  }

  it('writes only allow-listed, nested, escaped markup for any text', () => {
    const piece = fc.constantFrom(
      '*',
      '**',
      '_',
      '__',
      '`',
      '``',
      '```\n',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '> ',
      '- ',
      '1. ',
      '\n',
      '\n\n',
      '  ',
      '\\',
      '!',
      '"',
      '&',
      "'",
      'a',
      'b c',
      'https://x.org/"q',
      'javascript:',
      '](https://example.org/)',
      '](javascript:alert(1))',
      '<https://example.org/>',
      '<script>',
      'क्षि',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const source = pieces.join('')
        assertOnlyAllowedMarkup(renderCommentMarkdown(source), source)
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps hostile inputs inert at the 10,000-character limit', () => {
    const hostile = [
      '*'.repeat(10_000),
      '_'.repeat(10_000),
      '*a **b *c **d '.repeat(700),
      '['.repeat(5_000) + '](javascript:x)'.repeat(300),
      `${'> '.repeat(5_000)}<script>x</script>`,
      `${'- '.repeat(5_000)}x`,
      '`'.repeat(9_999),
      '<'.repeat(10_000),
      '[a](javascript:alert(1)) '.repeat(400),
    ]
    for (const source of hostile) assertOnlyAllowedMarkup(renderCommentMarkdown(source), source)
  })

  it('caps nesting: a deep quote ends as text inside the last allowed level', () => {
    const html = renderCommentMarkdown(`${'> '.repeat(50)}deep`)
    assert.equal(html.match(/<blockquote>/g)?.length, 8)
    assert.match(html, /(&gt; ){40,}deep/)
  })
})
