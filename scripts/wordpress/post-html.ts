import sanitizeHtml from 'sanitize-html'
import { articleHtmlAllowlist } from '../content/markdown'

// The block-level elements of WordPress's wpautop(): a paragraph never wraps them.
const blocks =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)'
const blockOpen = new RegExp(`(<${blocks}[\\s/>])`, 'g')
const blockClose = new RegExp(`(</${blocks}>)`, 'g')
const paragraphAroundBlock = new RegExp(`<p>\\s*(</?${blocks}[^>]*>)\\s*</p>`, 'g')
const paragraphBeforeBlock = new RegExp(`<p>\\s*(</?${blocks}[^>]*>)`, 'g')
const paragraphAfterBlock = new RegExp(`(</?${blocks}[^>]*>)\\s*</p>`, 'g')
const breakAfterBlock = new RegExp(`(</?${blocks}[^>]*>)\\s*<br />`, 'g')

/**
 * WordPress's wpautop(), as the classic editor's content needs it: blank lines
 * separate paragraphs, single newlines are line breaks, and block elements are
 * left unwrapped. <pre> keeps its newlines.
 */
export function autoParagraphs(source: string): string {
  if (source.trim() === '') return ''
  const pres: string[] = []
  let text = `${source}\n`.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => {
    pres.push(pre)
    return `<pre wp-pre-tag-${pres.length - 1}></pre>`
  })
  text = text
    .replace(/<br\s*\/?>\s*<br\s*\/?>/g, '\n\n')
    .replace(blockOpen, '\n\n$1')
    .replace(blockClose, '$1\n\n')
    .replace(/(<hr\s*?\/?>)/g, '$1\n\n')
    .replace(/\r\n?/g, '\n')
    // A newline inside a tag is not a line break.
    .replace(/<[^>]*>/g, (tag) => tag.replace(/\n/g, ' '))
    .replace(/\s*(<figcaption[^>]*>)/g, '$1')
    .replace(/<\/figcaption>\s*/g, '</figcaption>')
    .replace(/\n\n+/g, '\n\n')
  text = text
    .split(/\n\s*\n/)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => `<p>${chunk.replace(/^\n+|\n+$/g, '')}</p>\n`)
    .join('')
  text = text
    .replace(/<p>\s*<\/p>/g, '')
    .replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>')
    .replace(paragraphAroundBlock, '$1')
    .replace(/<p>(<li.+?)<\/p>/g, '$1')
    .replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>')
    .replace(/<\/blockquote><\/p>/g, '</p></blockquote>')
    .replace(paragraphBeforeBlock, '$1')
    .replace(paragraphAfterBlock, '$1')
    .replace(/<br\/>/g, '<br />')
    .replace(/(?<!<br \/>)\s*\n/g, '<br />\n')
    .replace(breakAfterBlock, '$1')
    .replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/g, '$1')
    .replace(/\n<\/p>$/, '</p>')
  return text.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_, n: string) => pres[Number(n)] ?? '')
}

/** [caption …]<img …> Text[/caption], the classic editor's captioned image, as a figure. */
function captionsAsFigures(text: string): string {
  return text.replace(
    /\[caption[^\]]*\]\s*((?:<a[^>]*>\s*)?<img[^>]*>(?:\s*<\/a>)?)\s*([\s\S]*?)\[\/caption\]/g,
    (_, image: string, caption: string) =>
      `<figure>${image}<figcaption>${caption.trim()}</figcaption></figure>`,
  )
}

// CommonMark ends an HTML block at a blank line and at nothing else; these tags may open one.
const blockStart = new RegExp(`^<${blocks}[\\s/>]`, 'i')

/**
 * A post's content as the article body: block-editor content (with its
 * <!-- wp:… --> comments) is already HTML, as WordPress serves it; classic content
 * gets wpautop()'s paragraphs. The result is sanitised with the build's own
 * allowlist and written as a single HTML block without blank lines (newlines in
 * <pre> as &#10;), so the Markdown build passes it through unchanged.
 */
export function postBodyHtml(content: string): string {
  const isBlockEditor = /<!--\s*wp:/.test(content)
  const withoutBlockComments = content.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '')
  const html = isBlockEditor
    ? withoutBlockComments
    : autoParagraphs(captionsAsFigures(withoutBlockComments))
  const clean = sanitizeHtml(html, articleHtmlAllowlist)
    // A break left last in a paragraph by a removed element (a script, say) breaks nothing.
    .replace(/(?:<br \/>\s*)+<\/p>/g, '</p>')
    .replace(/<pre[\s>][\s\S]*?<\/pre>/g, (pre) => pre.replace(/\n/g, '&#10;'))
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n')
    .trim()
  if (clean === '') return ''
  return blockStart.test(clean) ? clean : `<div>\n${clean}\n</div>`
}

/** Plain text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  const escaped = sanitizeHtml(html.replace(/<br\s*\/?>|<\/p>/gi, ' '), {
    allowedTags: [],
    allowedAttributes: {},
  })
  return decodeEscapes(escaped).replace(/\s+/g, ' ').trim()
}

/**
 * A comment's text as this site stores it (plain text, shown as text): line breaks
 * and paragraphs kept as newlines, tags dropped, entities decoded.
 */
export function commentText(html: string): string {
  const marked = html
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*/gi, '\n\n')
  const escaped = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} })
  return decodeEscapes(escaped)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

// sanitize-html escapes exactly these four in text; undoing them gives the text itself.
function decodeEscapes(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}
