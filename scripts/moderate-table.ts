import type { ModeratedComment } from './moderate-client'

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** How many terminal columns `text` takes: combining marks take none, wide CJK takes two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(char)) continue
    width +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60\u{20000}-\u{3FFFD}]/u.test(
        char,
      )
        ? 2
        : 1
  }
  return width
}

/**
 * Text as a terminal should show it: control characters, line separators and
 * text-direction controls (which could forge a line or reverse what follows)
 * are printed as \u{…} escapes instead of acting on the terminal.
 */
export function printable(text: string): string {
  return text.replace(
    /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`,
  )
}

/** Runs of whitespace collapse and the rest is printable, so one row stays one line. */
function oneLine(text: string): string {
  return printable(text.replace(/\s+/gu, ' ').trim())
}

/** The first `max` user-perceived characters of `text`, with … when something was cut. */
export function shorten(text: string, max: number): string {
  const graphemes = Array.from(segmenter.segment(oneLine(text)), (s) => s.segment)
  return graphemes.length > max
    ? `${graphemes.slice(0, max).join('').trimEnd()}…`
    : graphemes.join('')
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

/** "2026-11-25 12:57" in UTC: sortable, short, the same on every machine. */
function formatCreated(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * A plain-text table of comments: id, article, author, created (UTC) and the
 * first 60 characters of the text, with ↳ before a reply.
 */
export function commentTable(comments: readonly ModeratedComment[]): string {
  const header = ['ID', 'ARTICLE', 'AUTHOR', 'CREATED (UTC)', 'TEXT']
  const rows = comments.map((c) => [
    c.id,
    shorten(c.article, 40),
    shorten(c.author, 24),
    formatCreated(c.created),
    `${c.parent ? '↳ ' : ''}${shorten(c.content, 60)}`,
  ])
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => displayWidth(row[column] ?? ''))),
  )
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
        .join('  '),
    )
    .join('\n')
}
