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
      assert.match(
        attributes,
        /^ href="(https?:|mailto:)[^"<>\s]*"( title="[^"<>]*")? rel="nofollow ugc noopener"$/,
      )
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
      '<p>a <em>b</em> <em>c</em> <strong>d</strong> <strong>e</strong> <em><strong>f</strong></em></p>',
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
      '<pre><code>if (a &lt; b) {}\n</code></pre>',
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
    ['a thematic break stays text, not nested lists', 'a\n\n* * *', '<p>a</p><p>* * *</p>'],
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
    [
      'a bare address as a link, without the sentence’s full stop',
      'see https://example.org/a_(b) now, or https://example.org/x.',
      `<p>see <a href="https://example.org/a_(b)" ${rel}>https://example.org/a_(b)</a> now, or <a href="https://example.org/x" ${rel}>https://example.org/x</a>.</p>`,
    ],
    [
      'a www. address as an http link, an unbalanced ) left out',
      '(www.example.org/wiki)',
      `<p>(<a href="http://www.example.org/wiki" ${rel}>www.example.org/wiki</a>)</p>`,
    ],
    [
      'balanced parentheses in a link’s address, and its title',
      '[w](https://en.wikipedia.org/wiki/Foo_(bar) "Foo")',
      `<p><a href="https://en.wikipedia.org/wiki/Foo_(bar)" title="Foo" ${rel}>w</a></p>`,
    ],
    ['strikethrough with two tildes, one stays text', '~~gone~~ ~5', '<p><del>gone</del> ~5</p>'],
    [
      'nested and unequal emphasis runs',
      '**bold *it***',
      '<p><strong>bold <em>it</em></strong></p>',
    ],
    [
      'entity and numeric references decoded, then escaped',
      '&amp; &copy; &#60;b&#x3E; &bogus; &constructor; &#0;',
      '<p>&amp; © &lt;b&gt; &amp;bogus; &amp;constructor; \ufffd</p>',
    ],
    ['a backslash hard break', 'foo\\\nbar', '<p>foo<br>bar</p>'],
    ['a lazy line inside a quote', '> a\nb', '<blockquote><p>a<br>b</p></blockquote>'],
    ['a tab after a list marker', '-\tone\n-\ttwo', '<ul><li>one</li><li>two</li></ul>'],
    [
      'an indented code block',
      '    if (a < b)\n\ttab',
      '<pre><code>if (a &lt; b)\ntab\n</code></pre>',
    ],
    [
      'a link reference definition as text',
      '[a]: https://example.org/\n\n[a]',
      '<p>[a]: <a href="https://example.org/" rel="nofollow ugc noopener">https://example.org/</a></p><p>[a]</p>',
    ],
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
      '~~',
      '~',
      '\t',
      '    ',
      '&amp;',
      '&#0;',
      '&#x110000;',
      '&copy;',
      '&toString;',
      '&hasOwnProperty;',
      'www.x.org',
      'https://x.org/(a)',
      ' "t")',
      "'t'",
      '![',
      '<a@b.org>',
      'mailto:a@b.org',
      ')',
      '.',
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
