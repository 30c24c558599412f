/**
 * Comment Markdown: CommonMark 0.31.2 for everything a comment may hold, plus
 * the GitHub habits commenters bring, rendered by an allow-list of its own so
 * no sanitiser library runs in the Worker.
 *
 * Blocks: paragraphs, fenced and indented code, block quotes and lists, with
 * lazy continuation lines and tabs as the spec reads them. Inline: emphasis,
 * strong and `~~strikethrough~~` (the spec's delimiter-run algorithm), code
 * spans, links `[text](url "title")` and `<url>`, bare `https://…` and
 * `www.…` addresses (GitHub's rules for trailing punctuation and parentheses),
 * backslash escapes, entity and numeric references. Every line break is kept
 * (`<br>`), as comments always have. Nothing else is markup: raw HTML, images,
 * headings, thematic breaks, link reference definitions and addresses other than
 * http, https and mailto come out as the text they are.
 *
 * The only tags written are those in `allowedTags`; every text is escaped; the
 * only attributes are a link's checked href and title with
 * rel="nofollow ugc noopener" and a list's start number. Hostile input stays
 * linear: containers nest 8 deep at most, every scan moves forward or is
 * bounded, delimiters are matched with the spec's "openers bottom" bounds, and
 * no pattern runs on more than a few characters.
 */

import { lazyRegExp } from '../lib/lazy-regexp'
import { ownEntry } from '../lib/own-entry'

/** Every element comment Markdown can produce. */
export const allowedTags = [
  'p',
  'br',
  'em',
  'strong',
  'del',
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

// Quotes and list items inside quotes and list items: deeper markers are text.
const maxDepth = 8
const maxUrlLength = 2000
// The spec's own bound on nested parentheses in a link destination.
const maxDestinationParens = 32

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

/**
 * A link destination percent-encoded as the spec's reference renderer does:
 * characters a URL may hold as they are and `%XX` escapes are kept, the rest
 * are UTF-8 escaped (so a backslash stays a backslash, not a browser's `/`).
 */
function encodeDestination(raw: string): string {
  let out = ''
  for (const c of raw) {
    if (/^[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]$/.test(c)) out += c
    else if (c === '%') out += c
    else out += encodeURIComponent(c.length === 1 && c >= '\ud800' && c <= '\udfff' ? '\ufffd' : c)
  }
  return out
}

// ---- characters ----

const asciiPunctuation = /^[!-/:-@[-`{-~]$/
// Built on first use: \p{…} patterns cost startup (lib/lazy-regexp.ts).
const unicodePunctuation = lazyRegExp(String.raw`^[\p{P}\p{S}]$`, 'u')
const unicodeWhitespace = lazyRegExp(String.raw`^[\t\n\f\r\p{Zs}]$`, 'u')
const domainLabelCharacter = lazyRegExp(String.raw`^[\p{L}\p{N}_-]$`, 'u')
const isSpaceOrTab = (c: string | undefined) => c === ' ' || c === '\t'

/**
 * A few named references commenters type. The full HTML table (2,231 names)
 * would add some 30 KiB to the Worker for names nobody writes in a comment;
 * any other name is left as typed.
 */
const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  minus: '−',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  dagger: '†',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  hearts: '♥',
  check: '✓',
  le: '≤',
  ge: '≥',
  ne: '≠',
  infin: '∞',
  asymp: '≈',
  shy: '\u00ad',
  zwj: '\u200d',
  zwnj: '\u200c',
  AElig: 'Æ',
  aelig: 'æ',
  szlig: 'ß',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  ntilde: 'ñ',
  ccedil: 'ç',
  iexcl: '¡',
  iquest: '¿',
}

/**
 * The character a reference at `at` (an `&`) stands for and its length, or
 * undefined. Looks at most 33 characters ahead.
 */
function entityAt(text: string, at: number): { value: string; length: number } | undefined {
  if (text[at + 1] === '#') {
    const hex = text[at + 2] === 'x' || text[at + 2] === 'X'
    const first = at + (hex ? 3 : 2)
    let end = first
    const digit = hex ? /^[0-9a-fA-F]$/ : /^[0-9]$/
    while (end - first < (hex ? 6 : 7) && end < text.length && digit.test(text[end] as string)) {
      end++
    }
    if (end === first || text[end] !== ';') return undefined
    const code = Number.parseInt(text.slice(first, end), hex ? 16 : 10)
    const valid = code !== 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    return { value: String.fromCodePoint(valid ? code : 0xfffd), length: end + 1 - at }
  }
  let end = at + 1
  while (end - at <= 32 && end < text.length && /^[A-Za-z0-9]$/.test(text[end] as string)) end++
  if (end === at + 1 || text[end] !== ';') return undefined
  const name = text.slice(at + 1, end)
  // Own names only: "&constructor;" is not a reference to Object's constructor.
  const value = ownEntry(namedEntities, name)
  if (value === undefined) return undefined
  return { value, length: end + 1 - at }
}

/** Backslash escapes and references resolved, as in link destinations and titles. */
function unescapeString(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string
    if (c === '\\' && asciiPunctuation.test(text[i + 1] ?? '')) {
      out += text[i + 1]
      i += 2
    } else if (c === '&') {
      const entity = entityAt(text, i)
      out += entity ? entity.value : c
      i += entity ? entity.length : 1
    } else {
      out += c
      i++
    }
  }
  return out
}

// ---- blocks ----

type BlockType = 'document' | 'quote' | 'list' | 'item' | 'paragraph' | 'code'

interface Block {
  type: BlockType
  parent: Block | undefined
  children: Block[]
  open: boolean
  /** First and last line, which tell a loose list (a blank line between items). */
  startLine: number
  endLine: number
  /** Quotes and items around and including this block. */
  depth: number
  /** A paragraph's or code block's lines. */
  lines: string[]
  fence?: { char: string; length: number; offset: number }
  list?: ListData
  tight?: boolean
}

interface ListData {
  ordered: boolean
  /** `-`, `*`, `+`, `.` or `)`: a different marker starts a new list. */
  marker: string
  start: number
  markerOffset: number
  padding: number
}

function newBlock(type: BlockType, parent: Block | undefined, line: number): Block {
  const depth = (parent?.depth ?? 0) + (type === 'quote' || type === 'item' ? 1 : 0)
  return {
    type,
    parent,
    children: [],
    open: true,
    startLine: line,
    endLine: line,
    depth,
    lines: [],
  }
}

/**
 * The block parser of the CommonMark spec's appendix (as in commonmark.js),
 * without the blocks comments do not have: each line is matched against the
 * open containers, may open new ones, and what remains is added to a leaf.
 * Columns count tabs to the next multiple of 4, partly used tabs included.
 */
class BlockParser {
  readonly document = newBlock('document', undefined, 0)
  private tip: Block = this.document
  private oldTip: Block = this.document
  private lastMatched: Block = this.document
  private line = ''
  private lineNumber = 0
  private offset = 0
  private column = 0
  private nextNonspace = 0
  private nextNonspaceColumn = 0
  private indent = 0
  private blank = false
  private partiallyConsumedTab = false
  private allClosed = true

  parse(lines: string[]): Block {
    for (const line of lines) this.incorporate(line)
    while (this.tip !== this.document) this.finalize(this.tip, lines.length)
    this.finalize(this.document, lines.length)
    return this.document
  }

  private findNextNonspace(): void {
    let i = this.offset
    let columns = this.column
    let c = this.line[i]
    while (c === ' ' || c === '\t') {
      columns += c === ' ' ? 1 : 4 - (columns % 4)
      c = this.line[++i]
    }
    this.blank = c === undefined
    this.nextNonspace = i
    this.nextNonspaceColumn = columns
    this.indent = columns - this.column
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace
    this.column = this.nextNonspaceColumn
    this.partiallyConsumedTab = false
  }

  private advanceOffset(count: number, columns: boolean): void {
    let left = count
    while (left > 0 && this.offset < this.line.length) {
      if (this.line[this.offset] === '\t') {
        const toTab = 4 - (this.column % 4)
        if (columns) {
          this.partiallyConsumedTab = toTab > left
          const advance = Math.min(left, toTab)
          this.column += advance
          this.offset += this.partiallyConsumedTab ? 0 : 1
          left -= advance
        } else {
          this.partiallyConsumedTab = false
          this.column += toTab
          this.offset++
          left--
        }
      } else {
        this.partiallyConsumedTab = false
        this.offset++
        this.column++
        left--
      }
    }
  }

  private addLine(): void {
    let text = ''
    if (this.partiallyConsumedTab) {
      this.offset++
      text = ' '.repeat(4 - (this.column % 4))
    }
    this.tip.lines.push(text + this.line.slice(this.offset))
  }

  private addChild(type: BlockType): Block {
    while (!canContain(this.tip.type, type)) this.finalize(this.tip, this.lineNumber - 1)
    const block = newBlock(type, this.tip, this.lineNumber)
    this.tip.children.push(block)
    this.tip = block
    return block
  }

  private closeUnmatched(): void {
    if (this.allClosed) return
    while (this.oldTip !== this.lastMatched) {
      const parent = this.oldTip.parent as Block
      this.finalize(this.oldTip, this.lineNumber - 1)
      this.oldTip = parent
    }
    this.allClosed = true
  }

  private finalize(block: Block, line: number): void {
    block.open = false
    block.endLine = line
    if (block.type === 'item') {
      const last = block.children.at(-1)
      block.endLine = last ? last.endLine : block.startLine
    }
    if (block.type === 'list') {
      block.endLine = (block.children.at(-1) as Block).endLine
      block.tight = !block.children.some(
        (item, i) =>
          (i + 1 < block.children.length &&
            endsWithBlankLine(item, block.children[i + 1] as Block)) ||
          item.children.some(
            (child, j) =>
              j + 1 < item.children.length &&
              endsWithBlankLine(child, item.children[j + 1] as Block),
          ),
      )
    }
    if (block.type === 'code' && !block.fence) {
      while (block.lines.length > 0 && trimLines(block.lines.at(-1) as string) === '') {
        block.lines.pop()
        block.endLine--
      }
    }
    this.tip = block.parent ?? this.document
  }

  /** 0: the container goes on; 1: it does not; 2: the line was used up (a closing fence). */
  private continues(block: Block): 0 | 1 | 2 {
    switch (block.type) {
      case 'quote':
        if (this.indent <= 3 && this.line[this.nextNonspace] === '>') {
          this.advanceNextNonspace()
          this.advanceOffset(1, false)
          if (isSpaceOrTab(this.line[this.offset])) this.advanceOffset(1, true)
          return 0
        }
        return 1
      case 'item': {
        const data = block.list as ListData
        if (this.blank) {
          if (block.children.length === 0) return 1
          this.advanceNextNonspace()
          return 0
        }
        if (this.indent >= data.markerOffset + data.padding) {
          this.advanceOffset(data.markerOffset + data.padding, true)
          return 0
        }
        return 1
      }
      case 'code': {
        const fence = block.fence
        if (fence) {
          const run = this.fenceRun()
          if (
            run &&
            this.indent <= 3 &&
            run.char === fence.char &&
            run.length >= fence.length &&
            trimLines(this.line.slice(this.nextNonspace + run.length)) === ''
          ) {
            this.finalize(block, this.lineNumber)
            return 2
          }
          for (let i = fence.offset; i > 0 && isSpaceOrTab(this.line[this.offset]); i--) {
            this.advanceOffset(1, true)
          }
          return 0
        }
        if (this.indent >= 4) this.advanceOffset(4, true)
        else if (this.blank) this.advanceNextNonspace()
        else return 1
        return 0
      }
      case 'paragraph':
        return this.blank ? 1 : 0
      default:
        return 0
    }
  }

  /** The run of 3 or more backticks or tildes at the next non-space, if any. */
  private fenceRun(): { char: string; length: number } | undefined {
    const char = this.line[this.nextNonspace]
    if (char !== '`' && char !== '~') return undefined
    let end = this.nextNonspace
    while (this.line[end] === char) end++
    const length = end - this.nextNonspace
    return length >= 3 ? { char, length } : undefined
  }

  /** Opens the blocks this line starts: 0 none, 1 a container, 2 a leaf. */
  private starts(container: Block): 0 | 1 | 2 {
    const indented = this.indent >= 4
    const canNest = container.depth < maxDepth
    if (!indented && canNest && this.line[this.nextNonspace] === '>') {
      this.advanceNextNonspace()
      this.advanceOffset(1, false)
      if (isSpaceOrTab(this.line[this.offset])) this.advanceOffset(1, true)
      this.closeUnmatched()
      this.addChild('quote')
      return 1
    }
    const run = indented ? undefined : this.fenceRun()
    const info = run ? this.line.slice(this.nextNonspace + run.length) : ''
    if (run && !(run.char === '`' && info.includes('`'))) {
      this.closeUnmatched()
      const block = this.addChild('code')
      block.fence = { char: run.char, length: run.length, offset: this.indent }
      this.advanceNextNonspace()
      this.advanceOffset(run.length, false)
      return 2
    }
    const data = canNest ? this.listMarker(container) : undefined
    if (data) {
      this.closeUnmatched()
      const tipList = this.tip.type === 'list' ? this.tip.list : undefined
      if (!tipList || tipList.ordered !== data.ordered || tipList.marker !== data.marker) {
        this.addChild('list').list = data
      }
      this.addChild('item').list = data
      return 1
    }
    if (indented && this.tip.type !== 'paragraph' && !this.blank) {
      this.advanceOffset(4, true)
      this.closeUnmatched()
      this.addChild('code')
      return 2
    }
    return 0
  }

  /** A list marker at the next non-space, consumed with the spaces after it. */
  private listMarker(container: Block): ListData | undefined {
    if (this.indent >= 4) return undefined
    const at = this.nextNonspace
    const c = this.line[at] as string
    let ordered = false
    let marker = c
    let start = 1
    let markerLength = 1
    if (c === '-' || c === '*' || c === '+') {
      // Comments have no thematic break, but "* * *" typed as one should stay
      // text, not become three nested lists.
      if (isThematicBreak(this.line, at)) return undefined
    } else {
      let end = at
      while (end - at < 9 && /^[0-9]$/.test(this.line[end] ?? '')) end++
      const delimiter = this.line[end]
      if (end === at || (delimiter !== '.' && delimiter !== ')')) return undefined
      ordered = true
      marker = delimiter
      start = Number(this.line.slice(at, end))
      markerLength = end - at + 1
      if (container.type === 'paragraph' && start !== 1) return undefined
    }
    const after = this.line[at + markerLength]
    if (after !== undefined && !isSpaceOrTab(after)) return undefined
    if (container.type === 'paragraph' && trimLines(this.line.slice(at + markerLength)) === '') {
      return undefined
    }
    this.advanceNextNonspace()
    this.advanceOffset(markerLength, true)
    const spacesColumn = this.column
    const spacesOffset = this.offset
    do {
      this.advanceOffset(1, true)
    } while (this.column - spacesColumn < 5 && isSpaceOrTab(this.line[this.offset]))
    const blankItem = this.line[this.offset] === undefined
    const spaces = this.column - spacesColumn
    let padding: number
    if (spaces >= 5 || spaces < 1 || blankItem) {
      padding = markerLength + 1
      this.column = spacesColumn
      this.offset = spacesOffset
      if (isSpaceOrTab(this.line[this.offset])) this.advanceOffset(1, true)
    } else {
      padding = markerLength + spaces
    }
    return { ordered, marker, start, markerOffset: this.indent, padding }
  }

  private incorporate(line: string): void {
    this.line = line
    this.lineNumber++
    this.offset = 0
    this.column = 0
    this.blank = false
    this.partiallyConsumedTab = false
    this.oldTip = this.tip
    let container = this.document
    for (let child = container.children.at(-1); child?.open; child = container.children.at(-1)) {
      this.findNextNonspace()
      const result = this.continues(child)
      if (result === 2) return
      if (result === 1) break
      container = child
    }
    this.allClosed = container === this.oldTip
    this.lastMatched = container
    let matchedLeaf = container.type === 'code'
    while (!matchedLeaf) {
      this.findNextNonspace()
      const result = this.starts(container)
      if (result === 0) {
        this.advanceNextNonspace()
        break
      }
      container = this.tip
      if (result === 2) matchedLeaf = true
    }
    if (!this.allClosed && !this.blank && this.tip.type === 'paragraph') {
      // A lazy continuation line: more text of the open paragraph.
      this.addLine()
      return
    }
    this.closeUnmatched()
    if (container.type === 'code' || container.type === 'paragraph') {
      this.addLine()
    } else if (!this.blank) {
      this.addChild('paragraph')
      this.advanceNextNonspace()
      this.addLine()
    }
  }
}

/** Whether a line is 3 or more of one of `*`, `-`, `_` from `at`, with spaces or tabs between. */
function isThematicBreak(line: string, at: number): boolean {
  const char = line[at]
  let count = 0
  for (let i = at; i < line.length; i++) {
    if (line[i] === char) count++
    else if (!isSpaceOrTab(line[i])) return false
  }
  return count >= 3
}

function canContain(parent: BlockType, child: BlockType): boolean {
  if (parent === 'list') return child === 'item'
  return (parent === 'document' || parent === 'quote' || parent === 'item') && child !== 'item'
}

/** Text without the spaces, tabs and newlines around it (not other Unicode spaces). */
function trimLines(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && ' \t\n'.includes(text[start] as string)) start++
  while (end > start && ' \t\n'.includes(text[end - 1] as string)) end--
  return text.slice(start, end)
}

/** Whether a blank line separates a block from the one after it. */
function endsWithBlankLine(block: Block, next: Block): boolean {
  return block.endLine !== next.startLine - 1
}

function renderBlock(block: Block, tight: boolean, out: string[]): void {
  switch (block.type) {
    case 'document':
    case 'quote': {
      if (block.type === 'quote') out.push('<blockquote>')
      for (const child of block.children) renderBlock(child, false, out)
      if (block.type === 'quote') out.push('</blockquote>')
      return
    }
    case 'list': {
      const data = block.list as ListData
      const start = data.ordered && data.start !== 1 ? ` start="${data.start}"` : ''
      out.push(data.ordered ? `<ol${start}>` : '<ul>')
      for (const item of block.children) {
        out.push('<li>')
        for (const child of item.children) renderBlock(child, block.tight === true, out)
        out.push('</li>')
      }
      out.push(data.ordered ? '</ol>' : '</ul>')
      return
    }
    case 'paragraph': {
      const inline = renderInline(trimLines(block.lines.join('\n')))
      out.push(tight ? inline : `<p>${inline}</p>`)
      return
    }
    case 'code': {
      const body = block.fence ? block.lines.slice(1) : block.lines
      const text = body.length > 0 ? `${body.join('\n')}\n` : ''
      out.push(`<pre><code>${escapeText(text)}</code></pre>`)
      return
    }
    default:
      return
  }
}

// ---- inline ----

type Inline =
  /** `typed`: shown as typed, never searched for bare addresses. */
  | { kind: 'text'; text: string; typed?: boolean }
  | { kind: 'break' }
  | { kind: 'code'; text: string }
  | { kind: 'tag'; tag: 'em' | 'strong' | 'del'; children: Inline[] }
  | { kind: 'link'; href: string; title: string | undefined; children: Inline[] }
  /** A run of `*`, `_` or `~` not (yet) used as emphasis: written as its characters. */
  | { kind: 'run'; char: string; count: number }
  /** A `[` or `![` not (yet) the start of a link. */
  | { kind: 'bracket'; text: string }

/** A run of `*`, `_` or `~` that may open or close emphasis. */
interface Delimiter {
  node: Inline & { kind: 'run' }
  /** The run's slot in the sequence being built. */
  at: number
  char: string
  originalCount: number
  canOpen: boolean
  canClose: boolean
  previous: Delimiter | undefined
  next: Delimiter | undefined
}

/** A `[` or `![` that may start a link. */
interface Bracket {
  at: number
  image: boolean
  active: boolean
  previous: Bracket | undefined
  /** The nearest `[` below that is not an image's, so marking them inactive skips images. */
  previousLink: Bracket | undefined
  /** The top of the delimiter stack when the bracket opened. */
  delimiters: Delimiter | undefined
}

/** The code point that ends just before `at`, or a newline at the start. */
function charBefore(text: string, at: number): string {
  if (at <= 0) return '\n'
  const low = text.charCodeAt(at - 1)
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2)
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(at - 2, at)
  }
  return text[at - 1] as string
}

function charAfter(text: string, at: number): string {
  if (at >= text.length) return '\n'
  return String.fromCodePoint(text.codePointAt(at) as number)
}

/**
 * The inline parser of the spec's appendix: one pass that builds a sequence of
 * inlines with a stack of delimiters and one of brackets, forms links at each
 * `]`, and matches emphasis in `processEmphasis`. The sequence is a linked list
 * of slots, so wrapping the inlines between an opener and its closer moves each
 * of them once and never walks a slot that was already emptied.
 */
class InlineParser {
  private readonly text: string
  private pos = 0
  private readonly nodes: Inline[] = []
  private readonly nextSlot: number[] = []
  private readonly previousSlot: number[] = []
  private first = -1
  private last = -1
  private delimiters: Delimiter | undefined
  private brackets: Bracket | undefined
  /**
   * Where each length of backtick run starts, and how far each list was read;
   * found on the first backtick, as most comments have none.
   */
  private backtickRuns: Map<number, number[]> | undefined
  private readonly backtickRead = new Map<number, number>()

  constructor(text: string) {
    this.text = text
  }

  private findBacktickRuns(): Map<number, number[]> {
    const text = this.text
    const runs = new Map<number, number[]>()
    for (let i = text.indexOf('`'); i >= 0 && i < text.length; ) {
      if (text[i] !== '`') {
        i++
        continue
      }
      let j = i
      while (text[j] === '`') j++
      const list = runs.get(j - i) ?? []
      list.push(i)
      runs.set(j - i, list)
      i = j
    }
    return runs
  }

  parse(): Inline[] {
    const text = this.text
    while (this.pos < text.length) {
      const c = text[this.pos] as string
      if (c === '\n') this.newline()
      else if (c === '\\') this.backslash()
      else if (c === '`') this.backticks()
      else if (c === '*' || c === '_' || c === '~') this.delimiterRun(c)
      else if (c === '[') this.openBracket(false)
      else if (c === '!' && text[this.pos + 1] === '[') this.openBracket(true)
      else if (c === ']') this.closeBracket()
      else if (c === '<') this.angleAutolink()
      else if (c === '&') this.entity()
      else this.plainText()
    }
    this.processEmphasis(undefined)
    return this.slotsAfter(-1)
  }

  /** Adds a slot after `after` (-1: at the start) holding `node`. */
  private insertAfter(after: number, node: Inline): number {
    const slot = this.nodes.length
    const next = after < 0 ? this.first : (this.nextSlot[after] as number)
    this.nodes.push(node)
    this.previousSlot.push(after)
    this.nextSlot.push(next)
    if (after < 0) this.first = slot
    else this.nextSlot[after] = slot
    if (next < 0) this.last = slot
    else this.previousSlot[next] = slot
    return slot
  }

  private unlink(slot: number): void {
    const previous = this.previousSlot[slot] as number
    const next = this.nextSlot[slot] as number
    if (previous < 0) this.first = next
    else this.nextSlot[previous] = next
    if (next < 0) this.last = previous
    else this.previousSlot[next] = previous
  }

  /** The inlines after `from` and before `to` (-1: to the end), taken out of the sequence. */
  private takeBetween(from: number, to: number): Inline[] {
    const taken: Inline[] = []
    let slot = from < 0 ? this.first : (this.nextSlot[from] as number)
    while (slot >= 0 && slot !== to) {
      taken.push(this.nodes[slot] as Inline)
      const next = this.nextSlot[slot] as number
      this.unlink(slot)
      slot = next
    }
    return taken
  }

  private slotsAfter(from: number): Inline[] {
    const out: Inline[] = []
    for (let slot = from < 0 ? this.first : (this.nextSlot[from] as number); slot >= 0; ) {
      out.push(this.nodes[slot] as Inline)
      slot = this.nextSlot[slot] as number
    }
    return out
  }

  private push(node: Inline): number {
    return this.insertAfter(this.last, node)
  }

  private pushText(text: string): void {
    this.push({ kind: 'text', text })
  }

  private plainText(): void {
    const text = this.text
    let end = this.pos + 1
    while (end < text.length && !'\n\\`*_~[]!<&'.includes(text[end] as string)) end++
    this.pushText(text.slice(this.pos, end))
    this.pos = end
  }

  /** A line break: spaces before it (a hard break) and after it are dropped. */
  private newline(): void {
    const last = this.last >= 0 ? this.nodes[this.last] : undefined
    if (last?.kind === 'text') {
      let end = last.text.length
      while (end > 0 && last.text[end - 1] === ' ') end--
      last.text = last.text.slice(0, end)
    }
    this.push({ kind: 'break' })
    this.pos++
    while (this.text[this.pos] === ' ') this.pos++
  }

  private backslash(): void {
    const next = this.text[this.pos + 1]
    if (next === '\n') {
      this.pos++
      this.newline()
    } else if (next !== undefined && asciiPunctuation.test(next)) {
      this.pushText(next)
      this.pos += 2
    } else {
      this.pushText('\\')
      this.pos++
    }
  }

  /** A code span, closed by the next run of exactly as many backticks; or the run as text. */
  private backticks(): void {
    const text = this.text
    const start = this.pos
    let end = start
    while (text[end] === '`') end++
    const length = end - start
    this.backtickRuns ??= this.findBacktickRuns()
    const runs = this.backtickRuns.get(length) ?? []
    // Each length's runs are asked for in increasing order, so each list is read once.
    let k = this.backtickRead.get(length) ?? 0
    while (k < runs.length && (runs[k] as number) < end) k++
    this.backtickRead.set(length, k)
    const closer = runs[k]
    if (closer === undefined) {
      this.pushText(text.slice(start, end))
      this.pos = end
      return
    }
    const code = text.slice(end, closer).replace(/\n/g, ' ')
    this.push({ kind: 'code', text: stripCodePadding(code) })
    this.pos = closer + length
  }

  private delimiterRun(char: string): void {
    const text = this.text
    const start = this.pos
    let end = start
    while (text[end] === char) end++
    const count = end - start
    const before = charBefore(text, start)
    const after = charAfter(text, end)
    const afterSpace = unicodeWhitespace().test(after)
    const afterPunct = unicodePunctuation().test(after)
    const beforeSpace = unicodeWhitespace().test(before)
    const beforePunct = unicodePunctuation().test(before)
    const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
    const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
    let canOpen = leftFlanking
    let canClose = rightFlanking
    if (char === '_') {
      canOpen = leftFlanking && (!rightFlanking || beforePunct)
      canClose = rightFlanking && (!leftFlanking || afterPunct)
    } else if (char === '~' && count !== 2) {
      // Strikethrough takes exactly two tildes, so "~5 to ~10" stays as typed.
      canOpen = false
      canClose = false
    }
    this.pos = end
    const node: Inline & { kind: 'run' } = { kind: 'run', char, count }
    const at = this.push(node)
    if (!canOpen && !canClose) return
    const delimiter: Delimiter = {
      node,
      at,
      char,
      originalCount: count,
      canOpen,
      canClose,
      previous: this.delimiters,
      next: undefined,
    }
    if (this.delimiters) this.delimiters.next = delimiter
    this.delimiters = delimiter
  }

  private removeDelimiter(delimiter: Delimiter): void {
    if (delimiter.previous) delimiter.previous.next = delimiter.next
    if (delimiter.next) delimiter.next.previous = delimiter.previous
    else this.delimiters = delimiter.previous
  }

  private openBracket(image: boolean): void {
    const length = image ? 2 : 1
    const at = this.push({ kind: 'bracket', text: this.text.slice(this.pos, this.pos + length) })
    this.pos += length
    const below = this.brackets
    this.brackets = {
      at,
      image,
      active: true,
      previous: below,
      previousLink: below && !below.image ? below : below?.previousLink,
      delimiters: this.delimiters,
    }
  }

  private closeBracket(): void {
    this.pos++
    const opener = this.brackets
    if (!opener) {
      this.pushText(']')
      return
    }
    this.brackets = opener.previous
    const tail = opener.active ? this.inlineLinkTail() : undefined
    if (tail && opener.image) {
      // Comments show an image as the text typed, its address not made a link.
      this.push({ kind: 'text', text: this.text.slice(this.pos - 1, tail.end), typed: true })
      this.pos = tail.end
      return
    }
    const link = tail?.href ? { ...tail, href: tail.href } : undefined
    if (!link) {
      this.pushText(']')
      return
    }
    this.pos = link.end
    this.processEmphasis(opener.delimiters)
    const children = this.takeBetween(opener.at, -1)
    this.nodes[opener.at] = { kind: 'link', href: link.href, title: link.title, children }
    // No links in links: no earlier `[` may start one now. Those below the
    // first inactive one were marked by an earlier link.
    for (let b: Bracket | undefined = opener.previousLink; b?.active; b = b.previousLink) {
      b.active = false
    }
  }

  /**
   * `(destination "title")` right after a `]`, read as the spec says, with its
   * address if that is safe; or undefined. Reads forward only, at most to the next
   * character that ends its part (a space, a quote, a `<`).
   */
  private inlineLinkTail():
    | { href: string | undefined; title: string | undefined; end: number }
    | undefined {
    const text = this.text
    if (text[this.pos] !== '(') return undefined
    let i = skipSpaces(text, this.pos + 1)
    let destination = ''
    if (text[i] === '<') {
      const start = i + 1
      i = start
      while (i < text.length && text[i] !== '>' && text[i] !== '<' && text[i] !== '\n') {
        i += text[i] === '\\' && i + 1 < text.length ? 2 : 1
      }
      if (text[i] !== '>') return undefined
      destination = text.slice(start, i)
      i++
    } else {
      const start = i
      let depth = 0
      while (i < text.length) {
        const c = text[i] as string
        if (c === '\\' && asciiPunctuation.test(text[i + 1] ?? '')) {
          i += 2
          continue
        }
        if (c.charCodeAt(0) <= 0x20 || c === '\u007f') break
        if (c === '(') {
          depth++
          if (depth > maxDestinationParens) return undefined
        } else if (c === ')') {
          if (depth === 0) break
          depth--
        }
        i++
      }
      if (depth !== 0) return undefined
      destination = text.slice(start, i)
    }
    const afterDestination = i
    i = skipSpaces(text, i)
    let title: string | undefined
    const quote = text[i]
    if (i > afterDestination && (quote === '"' || quote === "'" || quote === '(')) {
      const close = quote === '(' ? ')' : quote
      const start = i + 1
      let j = start
      while (j < text.length && text[j] !== close) {
        if (quote === '(' && text[j] === '(') return undefined
        j += text[j] === '\\' && j + 1 < text.length ? 2 : 1
      }
      if (j >= text.length) return undefined
      const raw = text.slice(start, j)
      if (raw.includes('\n\n')) return undefined
      title = unescapeString(raw)
      i = skipSpaces(text, j + 1)
    }
    if (text[i] !== ')') return undefined
    return { href: safeHref(encodeDestination(unescapeString(destination))), title, end: i + 1 }
  }

  /** `<scheme:…>` or `<address@host>`; or the `<` as text. */
  private angleAutolink(): void {
    const text = this.text
    let end = this.pos + 1
    while (
      end < text.length &&
      end - this.pos <= maxUrlLength &&
      text[end] !== '>' &&
      text[end] !== '<' &&
      text.charCodeAt(end) > 0x20
    ) {
      end++
    }
    if (text[end] === '>') {
      const inner = text.slice(this.pos + 1, end)
      const href = isUriAutolink(inner)
        ? safeHref(encodeDestination(inner))
        : isEmailAutolink(inner)
          ? safeHref(`mailto:${inner}`)
          : undefined
      if (href) {
        const children: Inline[] = [{ kind: 'text', text: inner }]
        this.push({ kind: 'link', href, title: undefined, children })
        this.pos = end + 1
        return
      }
    }
    this.pushText('<')
    this.pos++
  }

  private entity(): void {
    const entity = entityAt(this.text, this.pos)
    this.pushText(entity ? entity.value : '&')
    this.pos += entity ? entity.length : 1
  }

  /**
   * The spec's process emphasis over the delimiters above `bottom`: each closer
   * looks back for an opener no lower than the bound kept for its kind of
   * closer, so no delimiter is passed over twice for one kind.
   */
  private processEmphasis(bottom: Delimiter | undefined): void {
    const openersBottom = new Map<string, Delimiter | undefined>()
    let closer: Delimiter | undefined
    for (let d = this.delimiters; d && d !== bottom; d = d.previous) closer = d
    while (closer) {
      if (!closer.canClose) {
        closer = closer.next
        continue
      }
      const key = `${closer.char}${closer.canOpen ? 1 : 0}${closer.originalCount % 3}`
      const floor = openersBottom.has(key) ? openersBottom.get(key) : bottom
      let opener = closer.previous
      while (opener && opener !== bottom && opener !== floor) {
        const oddMatch =
          closer.char !== '~' &&
          (closer.canOpen || opener.canClose) &&
          closer.originalCount % 3 !== 0 &&
          (opener.originalCount + closer.originalCount) % 3 === 0
        if (opener.char === closer.char && opener.canOpen && !oddMatch) break
        opener = opener.previous
      }
      if (!opener || opener === bottom || opener === floor) {
        openersBottom.set(key, closer.previous)
        const next = closer.next
        if (!closer.canOpen) this.removeDelimiter(closer)
        closer = next
        continue
      }
      const openRun = opener.node
      const closeRun = closer.node
      const use = closer.char === '~' || (closeRun.count >= 2 && openRun.count >= 2) ? 2 : 1
      openRun.count -= use
      closeRun.count -= use
      const tag = closer.char === '~' ? 'del' : use === 1 ? 'em' : 'strong'
      const children = this.takeBetween(opener.at, closer.at)
      this.insertAfter(opener.at, { kind: 'tag', tag, children })
      // Delimiters between the two are inside the new inline: off the stack.
      opener.next = closer
      closer.previous = opener
      if (openRun.count === 0) {
        this.unlink(opener.at)
        this.removeDelimiter(opener)
      }
      if (closeRun.count === 0) {
        this.unlink(closer.at)
        const next = closer.next
        this.removeDelimiter(closer)
        closer = next
      }
    }
    while (this.delimiters && this.delimiters !== bottom) this.removeDelimiter(this.delimiters)
  }
}

function skipSpaces(text: string, from: number): number {
  let i = from
  let newlines = 0
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n')) {
    if (text[i] === '\n' && ++newlines > 1) break
    i++
  }
  return i
}

function isUriAutolink(inner: string): boolean {
  const colon = inner.indexOf(':')
  if (colon < 2 || colon > 32) return false
  return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(inner.slice(0, colon))
}

function isEmailAutolink(inner: string): boolean {
  const at = inner.indexOf('@')
  if (at < 1 || inner.indexOf('@', at + 1) !== -1) return false
  if (!/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(inner.slice(0, at))) return false
  return inner
    .slice(at + 1)
    .split('.')
    .every(isHostLabel)
}

/** 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen. */
function isHostLabel(label: string): boolean {
  if (label.length < 1 || label.length > 63) return false
  if (label.startsWith('-') || label.endsWith('-')) return false
  return /^[a-zA-Z0-9-]+$/.test(label)
}

/**
 * One space is taken from each end of a code span that starts and ends with a
 * space and is not all spaces. Checked by hand in one pass: the pattern
 * `^ .*[^ ].* $` used before backtracked quadratically on a long span.
 */
function stripCodePadding(code: string): string {
  if (code.length < 2 || code[0] !== ' ' || code[code.length - 1] !== ' ') return code
  for (let k = 1; k < code.length - 1; k++) {
    if (code[k] !== ' ') return code.slice(1, -1)
  }
  return code
}

function renderInline(text: string): string {
  const nodes = new InlineParser(text).parse()
  return writeInlines(autolinkBareUrls(nodes))
}

/** Writes inlines without recursion: emphasis may nest as deep as the text is long. */
function writeInlines(nodes: Inline[]): string {
  let html = ''
  const stack: Array<{ nodes: Inline[]; index: number; close: string }> = [
    { nodes, index: 0, close: '' },
  ]
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { nodes: Inline[]; index: number; close: string }
    if (frame.index >= frame.nodes.length) {
      html += frame.close
      stack.pop()
      continue
    }
    const node = frame.nodes[frame.index++] as Inline
    switch (node.kind) {
      case 'text':
        html += escapeText(node.text)
        break
      case 'break':
        html += '<br>'
        break
      case 'code':
        html += `<code>${escapeText(node.text)}</code>`
        break
      case 'run':
        html += node.char.repeat(node.count)
        break
      case 'bracket':
        html += node.text
        break
      case 'tag':
        html += `<${node.tag}>`
        stack.push({ nodes: node.children, index: 0, close: `</${node.tag}>` })
        break
      case 'link': {
        const title = node.title === undefined ? '' : ` title="${escapeText(node.title)}"`
        html += `<a href="${escapeText(node.href)}"${title} rel="${commentLinkRel}">`
        stack.push({ nodes: node.children, index: 0, close: '</a>' })
        break
      }
    }
  }
  return html
}

// ---- bare addresses (GitHub's autolinks) ----

const autolinkPrefixes = ['https://', 'http://', 'mailto:', 'www.']

/**
 * Text outside links where `https://…`, `http://…`, `mailto:…` or `www.…`
 * starts a word becomes a link, as on GitHub: the address ends at a space or
 * `<`; trailing `?!.,:*_~` and unbalanced `)` are not part of it, nor is an
 * entity-like `&x;` at its end. A failed try is not retried before the place
 * it stopped, so every character is looked at a bounded number of times.
 */
function autolinkBareUrls(nodes: Inline[]): Inline[] {
  const top = { children: nodes }
  // Without recursion: emphasis may nest as deep as the text is long.
  const pending: Array<{ children: Inline[] }> = [top]
  for (let parent = pending.pop(); parent; parent = pending.pop()) {
    const out: Inline[] = []
    let previous = '\n'
    let text = ''
    const flush = () => {
      if (text !== '') splitAutolinks(text, previous, out)
      previous = text === '' ? previous : (text[text.length - 1] as string)
      text = ''
    }
    for (const node of parent.children) {
      // Text, and delimiters and brackets that stayed text, are searched as one.
      if (node.kind === 'text' && !node.typed) text += node.text
      else if (node.kind === 'run') text += node.char.repeat(node.count)
      else if (node.kind === 'bracket') text += node.text
      else {
        flush()
        out.push(node)
        if (node.kind === 'tag') pending.push(node)
        previous = node.kind === 'tag' ? '*' : node.kind === 'break' ? '\n' : 'x'
      }
    }
    flush()
    parent.children = out
  }
  return top.children
}

function splitAutolinks(text: string, before: string, out: Inline[]): void {
  let plainStart = 0
  let retryFrom = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c !== 'h' && c !== 'w' && c !== 'm' && c !== 'H' && c !== 'W' && c !== 'M') continue
    if (i < retryFrom) continue
    const prev = i === 0 ? before : (text[i - 1] as string)
    if (!(unicodeWhitespace().test(prev) || '*_~('.includes(prev))) continue
    const prefix = autolinkPrefixes.find((p) => text.slice(i, i + p.length).toLowerCase() === p)
    if (!prefix) continue
    let stop = i + prefix.length
    while (
      stop < text.length &&
      stop - i <= maxUrlLength &&
      text[stop] !== '<' &&
      !unicodeWhitespace().test(text[stop] as string)
    )
      stop++
    retryFrom = stop
    const end = trimAutolink(text, i, stop, prefix)
    if (end === undefined) continue
    const typed = text.slice(i, end)
    const href = safeHref(prefix === 'www.' ? `http://${typed}` : typed)
    if (!href) continue
    if (plainStart < i) out.push({ kind: 'text', text: text.slice(plainStart, i) })
    out.push({ kind: 'link', href, title: undefined, children: [{ kind: 'text', text: typed }] })
    plainStart = end
    i = end - 1
  }
  if (plainStart < text.length) out.push({ kind: 'text', text: text.slice(plainStart) })
}

/**
 * Where a bare address from `start` ends, or undefined without a valid domain:
 * labels of letters, digits, `_` and `-` with at least one `.` between them
 * (counting `www.`) and no `_` in the last two; `mailto:` needs an `@`.
 */
function trimAutolink(
  text: string,
  start: number,
  stop: number,
  prefix: string,
): number | undefined {
  const hostStart = start + prefix.length
  if (prefix === 'mailto:') {
    let at = hostStart
    while (at < stop && text[at] !== '@') at++
    if (at === hostStart || at >= stop - 1) return undefined
  } else {
    const labels: string[] = ['']
    for (let i = hostStart; i < stop; i++) {
      const c = text[i] as string
      if (c === '.') labels.push('')
      else if (domainLabelCharacter().test(c)) labels[labels.length - 1] += c
      else break
    }
    // A trailing "." ends the sentence, not the domain.
    if (labels.length > 1 && labels.at(-1) === '') labels.pop()
    if (labels.some((label) => label === '')) return undefined
    if (labels.length < (prefix === 'www.' ? 1 : 2)) return undefined
    if (labels.slice(-2).some((label) => label.includes('_'))) return undefined
  }
  let end = stop
  let opens = 0
  let closes = 0
  for (let i = start; i < stop; i++) {
    if (text[i] === '(') opens++
    else if (text[i] === ')') closes++
  }
  for (;;) {
    const last = text[end - 1] as string
    if ('?!.,:*_~'.includes(last)) {
      end--
    } else if (last === ')' && closes > opens) {
      closes--
      end--
    } else if (last === ';') {
      let k = end - 2
      while (k > start && /^[A-Za-z0-9]$/.test(text[k] as string)) k--
      if (k < end - 2 && text[k] === '&') end = k
      else break
    } else break
    if (end <= hostStart) return undefined
  }
  return end
}

/**
 * Renders a comment's Markdown source as HTML for pages, the comments JSON and
 * the comment feeds alike. Pure and deterministic: the same text always gives
 * the same bytes, so every place shows the comment identically.
 */
export function renderCommentMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').replaceAll('\0', '\ufffd').split('\n')
  if (lines.length > 1 && lines.at(-1) === '') lines.pop()
  const out: string[] = []
  renderBlock(new BlockParser().parse(lines), false, out)
  return out.join('')
}
