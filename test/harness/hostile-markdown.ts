/**
 * Comment Markdown written to make a renderer slow: runs of delimiters, brackets,
 * backticks, quote and list markers, and code spans that a backtracking pattern
 * would scan again and again. Shared by `npm run bench:markdown`, the renderer's
 * linear-time test and the intake fuzzing, so all three try the same inputs.
 */

/** Each hostile input at `length` characters, by name. */
export function hostileMarkdown(length: number): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)
  const half = Math.floor(length / 2)
  return {
    'a run of *': '*'.repeat(length),
    'a run of _': '_'.repeat(length),
    'nested emphasis bomb': fill('*a **b *c **d '),
    'alternating * and _': fill('*a _'),
    'closers with no openers': fill('a_ '),
    'emphasis runs, multiples of 3': fill('a**b c* '),
    'unmatched ~~': fill('~~a '),
    'open brackets then links': '['.repeat(half) + fill('](javascript:x)').slice(0, length - half),
    'nested brackets': `${'['.repeat(half - 1)}a${']'.repeat(length - half)}`,
    'link openers and emphasis closers': fill('[ a_'),
    'pattern [ (](': fill('[ (]('),
    'unclosed link text': fill('[a'),
    'unclosed link address': `[a](${'b'.repeat(length - 4)}`,
    'link titles never closed': fill('[a](https://x.org "'),
    'javascript: links': fill('[a](javascript:alert(1)) '),
    'unclosed autolinks': fill('<https://x.org/'),
    'bare URL with a paren run': `https://x.org/${'('.repeat(half - 7)}${')'.repeat(length - half - 7)}`,
    'www. autolinks run together': fill('www.a.b_'),
    'raw HTML': fill('<img src=x onerror=alert(1)>'),
    'entity-like runs': fill('&#12345678'),
    'backtick runs': fill('` `` '),
    'code span opened by a space': `\` ${'a'.repeat(length - 3)}\``,
    'code span of spaces and words': `\`${fill(' a').slice(0, length - 2)}\``,
    'unclosed backtick runs of every length': Array.from({ length: 200 }, (_, i) =>
      '`'.repeat(i + 1),
    )
      .join('a')
      .padEnd(length, 'a')
      .slice(0, length),
    'trailing backslashes': fill('a\\\n'),
    'deep quote': fill('> '),
    'deep list': fill('- '),
    'lazy quote continuation': `> a\n${fill('b\n').slice(0, length - 4)}`,
    'nested lists, lazy lines': fill('- a\n  - b\nc\n'),
    'indented list ladder': Array.from({ length }, (_, i) => `${' '.repeat(i % 30)}- x`)
      .join('\n')
      .slice(0, length),
    'tabs after markers': fill('>\t-\t1.\ta\n'),
    'paragraph per line': fill('a\n\n'),
    'ordinary comment': fill('Some *text* with a [link](https://example.org/) and `code`.\n\n'),
  }
}
