import sanitizeHtml from 'sanitize-html'
import { articleHtmlAllowlist } from '../content/markdown'
import { type AttachmentIndex, resolveImage, type UploadsFolder } from './media'
import { convertShortcodes } from './shortcodes'

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

// CommonMark ends an HTML block at a blank line and at nothing else; these tags may open one.
const blockStart = new RegExp(`^<${blocks}[\\s/>]`, 'i')

/** What a post's body needs from the rest of the export, and the publisher's uploads. */
export interface BodyContext {
  postId: string
  attachments: AttachmentIndex
  uploads?: UploadsFolder
}

/** A post's body as HTML the build takes, with what was changed to make it so. */
export interface PostBody {
  html: string
  /** Each change the build would otherwise have refused, and each image left on the old site. */
  notes: string[]
  /** Shortcodes left as text, once each. */
  shortcodes: string[]
  /** Files of the uploads folder to copy to content/media/, by name. */
  media: Map<string, Buffer>
}

/**
 * A post's content as the article body: shortcodes become HTML the site allows;
 * block-editor content (with its <!-- wp:… --> comments) is already HTML, as
 * WordPress serves it; classic content gets wpautop()'s paragraphs. Every image
 * is written with alt, width and height, from /media/ when the uploads folder
 * holds it (resolveImage). The result is sanitised with the build's own
 * allowlist and written as a single HTML block without blank lines (newlines in
 * <pre> as &#10;), so the Markdown build passes it through unchanged.
 */
export function postBodyHtml(content: string, context: BodyContext): PostBody {
  const isBlockEditor = /<!--\s*wp:/.test(content)
  const withoutBlockComments = content.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '')
  const shortcodes = convertShortcodes(withoutBlockComments, context.postId, context.attachments)
  const html = isBlockEditor ? shortcodes.content : autoParagraphs(shortcodes.content)
  const notes = [...shortcodes.notes]
  const media = new Map<string, Buffer>()
  const clean = sanitizeHtml(html, {
    ...articleHtmlAllowlist,
    transformTags: {
      img: (_tagName, attribs): sanitizeHtml.Tag => {
        const image = resolveImage(attribs, context.attachments, context.uploads)
        notes.push(...image.notes)
        if (image.copy) media.set(image.copy.name, image.copy.bytes)
        if (image.img) return { tagName: 'img', attribs: { ...image.img } }
        if (image.link)
          return { tagName: 'a', attribs: { href: image.link.href }, text: image.link.text }
        // No address to show or link: an empty span, which the allowlist keeps as nothing.
        return { tagName: 'span', attribs: {} }
      },
    },
  })
    // A break left last in a paragraph by a removed element (a script, say) breaks nothing.
    .replace(/(?:<br \/>\s*)+<\/p>/g, '</p>')
    .replace(/<pre[\s>][\s\S]*?<\/pre>/g, (pre) => pre.replace(/\n/g, '&#10;'))
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n')
    .trim()
  const body = { notes: [...new Set(notes)], shortcodes: shortcodes.leftAsText, media }
  if (clean === '') return { html: '', ...body }
  return { html: blockStart.test(clean) ? clean : `<div>\n${clean}\n</div>`, ...body }
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
