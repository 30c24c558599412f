/**
 * Comment Markdown: a small subset written for readers' comments and rendered by
 * an allow-list of its own, so no sanitiser library runs in the Worker.
 *
 * Blocks: paragraphs (a single newline is a line break), fenced code blocks
 * (``` or ~~~), block quotes (>) and lists (-, *, + or 1. / 1)). Inline:
 * emphasis (* and _), strong (** and __), code spans, links `[text](url)` and
 * `<url>` with http, https or mailto addresses. Nothing else is markup: raw
 * HTML, images, headings and other addresses come out as the text they are.
 *
 * The only tags written are those in `allowedTags`; every text is escaped; the
 * only attributes are a link's checked href with rel="nofollow ugc noopener"
 * and a list's start number. Hostile input stays linear: nesting is capped,
 * delimiters are matched with a stack, and no pattern can backtrack far.
 */

/** Every element comment Markdown can produce. */
export const allowedTags = [
  'p',
  'br',
  'em',
  'strong',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
] as const

/** The rel of every link in a comment: the site vouches for none of them. */
export const commentLinkRel = 'nofollow ugc noopener'

// Quotes and lists inside quotes and lists: deeper input is shown as text.
const maxDepth = 8
const maxUrlLength = 2000

function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** The address a link may point to, or undefined when it is not http, https or mailto. */
function safeHref(raw: string): string | undefined {
  if (raw.length > maxUrlLength) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') {
    return undefined
  }
  return url.href
}

// ---- inline ----

type Piece =
  | { kind: 'html'; html: string }
  | {
      kind: 'delim'
      char: '*' | '_'
      length: number
      /** The characters either side of the run, which decide if it can open or close. */
      before: string
      after: string
      open?: 'em' | 'strong' | 'both'
    }
  | { kind: 'close'; tags: string }

const punctuation = /[!-/:-@[-`{-~]/
const whitespace = /\s/
const wordChar = /[\p{L}\p{N}]/u
const inlineLink = /\[([^[\]\n]{1,1000})\]\(<?([^()<>\s]{1,2000})>?\)/y
const autolink = /<((?:https?:\/\/|mailto:)[^\s<>]{1,2000})>/y

/** Code spans: the closing run of each opening run of backticks, found in one pass. */
function codeSpans(text: string): Map<number, { end: number; length: number }> {
  const runs: Array<{ at: number; length: number }> = []
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\\' && text[i + 1] === '`') {
      i += 2
      continue
    }
    if (text[i] !== '`') {
      i++
      continue
    }
    let j = i
    while (text[j] === '`') j++
    runs.push({ at: i, length: j - i })
    i = j
  }
  const spans = new Map<number, { end: number; length: number }>()
  // Walk backwards so each run knows the next run of its own length after it.
  const nextOfLength = new Map<number, number>()
  const next: number[] = new Array(runs.length).fill(-1)
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k] as { at: number; length: number }
    next[k] = nextOfLength.get(run.length) ?? -1
    nextOfLength.set(run.length, k)
  }
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k] as { at: number; length: number }
    const closer = next[k] as number
    if (closer < 0) continue
    const end = runs[closer] as { at: number; length: number }
    spans.set(run.at, { end: end.at, length: run.length })
    // Runs between the two are inside the span, and the closer is used up.
    k = closer
  }
  return spans
}

/**
 * One space is taken from each end of a code span that starts and ends with a
 * space and is not all spaces. Checked by hand in one pass: the pattern
 * `^ .*[^ ].* $` this replaces backtracked quadratically on a long span.
 */
function stripCodePadding(code: string): string {
  if (code.length < 2 || code[0] !== ' ' || code[code.length - 1] !== ' ') return code
  for (let k = 1; k < code.length - 1; k++) {
    if (code[k] !== ' ') return code.slice(1, -1)
  }
  return code
}

/** Renders one paragraph's text (newlines become <br>). */
function renderInline(text: string, inLink = false): string {
  const spans = codeSpans(text)
  const pieces: Piece[] = []
  let plain = ''
  const flush = () => {
    if (plain) pieces.push({ kind: 'html', html: escapeText(plain) })
    plain = ''
  }
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (ch === '\\' && i + 1 < text.length && punctuation.test(text[i + 1] as string)) {
      plain += text[i + 1]
      i += 2
      continue
    }
    if (ch === '\n') {
      flush()
      pieces.push({ kind: 'html', html: '<br>' })
      i++
      continue
    }
    if (ch === '`') {
      const span = spans.get(i)
      let j = i
      while (text[j] === '`') j++
      if (span) {
        flush()
        const code = text.slice(i + span.length, span.end).replace(/\n/g, ' ')
        pieces.push({ kind: 'html', html: `<code>${escapeText(stripCodePadding(code))}</code>` })
        i = span.end + span.length
      } else {
        plain += text.slice(i, j)
        i = j
      }
      continue
    }
    if (ch === '!' && text[i + 1] === '[') {
      // An image's syntax stays text, so "![x](url)" never becomes a link either.
      plain += '!['
      i += 2
      continue
    }
    if (ch === '[' && !inLink) {
      inlineLink.lastIndex = i
      const match = inlineLink.exec(text)
      const href = match ? safeHref(match[2] as string) : undefined
      if (match && href) {
        flush()
        pieces.push({
          kind: 'html',
          html: `<a href="${escapeText(href)}" rel="${commentLinkRel}">${renderInline(match[1] as string, true)}</a>`,
        })
        i += match[0].length
        continue
      }
    }
    if (ch === '<' && !inLink) {
      autolink.lastIndex = i
      const match = autolink.exec(text)
      const href = match ? safeHref(match[1] as string) : undefined
      if (match && href) {
        flush()
        pieces.push({
          kind: 'html',
          html: `<a href="${escapeText(href)}" rel="${commentLinkRel}">${escapeText(match[1] as string)}</a>`,
        })
        i += match[0].length
        continue
      }
    }
    if (ch === '*' || ch === '_') {
      let j = i
      while (text[j] === ch) j++
      flush()
      pieces.push({
        kind: 'delim',
        char: ch,
        length: j - i,
        before: i > 0 ? (text[i - 1] as string) : ' ',
        after: j < text.length ? (text[j] as string) : ' ',
      })
      i = j
      continue
    }
    plain += ch
    i++
  }
  flush()
  matchEmphasis(pieces)
  const html = pieces
    .map((piece) => {
      if (piece.kind === 'html') return piece.html
      if (piece.kind === 'close') return piece.tags
      if (piece.open === 'em') return '<em>'
      if (piece.open === 'strong') return '<strong>'
      if (piece.open === 'both') return '<strong><em>'
      return piece.char.repeat(piece.length)
    })
    .join('')
  return html
}

const tagsFor = { 1: 'em', 2: 'strong', 3: 'both' } as const

/**
 * Pairs delimiter runs of one to three `*` or `_`: a run after non-space can
 * close, before non-space can open (`_` not inside a word). A closer takes the
 * nearest open run of the same character and length; runs opened after it stay
 * text, so tags always nest. Each run is pushed and popped once.
 */
function matchEmphasis(pieces: Piece[]): void {
  const stack: number[] = []
  const openCount = new Map<string, number>()
  const kindOf = (p: { char: string; length: number }) => `${p.char}${p.length}`
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index] as Piece
    if (piece.kind !== 'delim' || piece.length > 3) continue
    const around = piece
    const leftFlanking = !whitespace.test(around.after)
    const rightFlanking = !whitespace.test(around.before)
    const canOpen =
      leftFlanking && (piece.char === '*' || !wordChar.test(around.before) || !rightFlanking)
    const canClose =
      rightFlanking && (piece.char === '*' || !wordChar.test(around.after) || !leftFlanking)
    const kind = kindOf(piece)
    if (canClose && (openCount.get(kind) ?? 0) > 0) {
      let opener = stack.pop() as number
      for (;;) {
        const open = pieces[opener] as Piece & { kind: 'delim' }
        const openKind = kindOf(open)
        openCount.set(openKind, (openCount.get(openKind) ?? 1) - 1)
        if (openKind === kind) break
        open.open = undefined
        opener = stack.pop() as number
      }
      const open = pieces[opener] as Piece & { kind: 'delim' }
      const tag = tagsFor[piece.length as 1 | 2 | 3]
      open.open = tag
      pieces[index] = {
        kind: 'close',
        tags: tag === 'both' ? '</em></strong>' : `</${tag}>`,
      }
      continue
    }
    if (canOpen) {
      stack.push(index)
      openCount.set(kind, (openCount.get(kind) ?? 0) + 1)
    }
  }
  // Runs still open were never closed: they stay text (their `open` is unset).
}

// ---- blocks ----

const fence = /^ {0,3}(`{3,}|~{3,})([^`]*)$/
const quoteLine = /^ {0,3}> ?(.*)$/
const bullet = /^( {0,3})([-*+])( +)(\S.*)?$/
const ordered = /^( {0,3})(\d{1,9})([.)])( +)(\S.*)?$/

interface ListMarker {
  ordered: boolean
  /** `-`, `*`, `+`, `.` or `)`: a different marker starts a new list. */
  marker: string
  start: number
  /** Columns before the item's text; continuation lines are indented this far. */
  indent: number
  text: string
}

function listMarker(line: string): ListMarker | undefined {
  const b = bullet.exec(line)
  if (b) {
    const [, lead = '', marker = '', gap = '', text = ''] = b
    return {
      ordered: false,
      marker,
      start: 1,
      indent: lead.length + 1 + Math.min(gap.length, 4),
      text,
    }
  }
  const o = ordered.exec(line)
  if (o) {
    const [, lead = '', digits = '', marker = '', gap = '', text = ''] = o
    return {
      ordered: true,
      marker,
      start: Number(digits),
      indent: lead.length + digits.length + 1 + Math.min(gap.length, 4),
      text,
    }
  }
  return undefined
}

const isBlank = (line: string) => line.trim() === ''

/** Whether a line ends a paragraph by starting another block. */
function startsBlock(line: string, depth: number): boolean {
  if (fence.test(line)) return true
  if (depth >= maxDepth) return false
  if (quoteLine.test(line)) return true
  const marker = listMarker(line)
  // An ordered list interrupts a paragraph only from 1, so "2024. was good" stays text.
  return marker !== undefined && marker.text !== '' && (!marker.ordered || marker.start === 1)
}

function dedent(line: string, columns: number): string {
  let i = 0
  while (i < columns && line[i] === ' ') i++
  return line.slice(i)
}

/** Renders lines as blocks; a tight list item's paragraph is written without <p>. */
function renderBlocks(lines: string[], depth: number, tight = false): string {
  const out: string[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i] as string
    if (isBlank(line)) {
      i++
      continue
    }
    const open = fence.exec(line)
    if (open) {
      const marker = open[1] as string
      const indent = line.length - line.trimStart().length
      const body: string[] = []
      i++
      while (i < lines.length) {
        const current = lines[i] as string
        const trimmed = current.trim()
        if (
          trimmed.length >= marker.length &&
          trimmed === (marker[0] as string).repeat(trimmed.length)
        ) {
          i++
          break
        }
        body.push(dedent(current, indent))
        i++
      }
      out.push(`<pre><code>${escapeText(body.join('\n'))}</code></pre>`)
      continue
    }
    if (depth < maxDepth && quoteLine.test(line)) {
      const inner: string[] = []
      while (i < lines.length && quoteLine.test(lines[i] as string)) {
        inner.push((quoteLine.exec(lines[i] as string) as RegExpExecArray)[1] as string)
        i++
      }
      out.push(`<blockquote>${renderBlocks(inner, depth + 1)}</blockquote>`)
      continue
    }
    const first = depth < maxDepth ? listMarker(line) : undefined
    if (first) {
      const items: string[][] = []
      let loose = false
      while (i < lines.length) {
        const marker = listMarker(lines[i] as string)
        if (!marker || marker.ordered !== first.ordered || marker.marker !== first.marker) break
        const item = [marker.text]
        i++
        let sawBlank = false
        while (i < lines.length) {
          const current = lines[i] as string
          if (isBlank(current)) {
            sawBlank = true
            item.push('')
            i++
            continue
          }
          const indented = current.length - current.trimStart().length >= marker.indent
          if (indented) {
            if (sawBlank) loose = true
            sawBlank = false
            item.push(dedent(current, marker.indent))
            i++
            continue
          }
          // A lazy continuation line: more text of the item's last paragraph.
          if (!sawBlank && !startsBlock(current, depth) && !listMarker(current)) {
            item.push(current)
            i++
            continue
          }
          break
        }
        while (item.length > 0 && item.at(-1) === '') item.pop()
        const following = i < lines.length ? listMarker(lines[i] as string) : undefined
        if (sawBlank && following?.marker === first.marker) loose = true
        items.push(item)
      }
      const tag = first.ordered ? 'ol' : 'ul'
      const start = first.ordered && first.start !== 1 ? ` start="${first.start}"` : ''
      const rendered = items.map((item) => `<li>${renderBlocks(item, depth + 1, !loose)}</li>`)
      out.push(`<${tag}${start}>${rendered.join('')}</${tag}>`)
      continue
    }
    const paragraph: string[] = [line.trim()]
    i++
    while (
      i < lines.length &&
      !isBlank(lines[i] as string) &&
      !startsBlock(lines[i] as string, depth)
    ) {
      paragraph.push((lines[i] as string).trim())
      i++
    }
    const inline = renderInline(paragraph.join('\n'))
    out.push(tight ? inline : `<p>${inline}</p>`)
  }
  return out.join('')
}

/**
 * Renders a comment's Markdown source as HTML for pages, the comments JSON and
 * the comment feeds alike. Pure and deterministic: the same text always gives
 * the same bytes, so every place shows the comment identically.
 */
export function renderCommentMarkdown(source: string): string {
  return renderBlocks(source.replace(/\r\n?/g, '\n').split('\n'), 0)
}
