import { escapeHtml } from '../../src/feeds/xml-safe'
import type { AttachmentIndex } from './media'

/** A post's content with its shortcodes as HTML, and those left as text, for the report. */
export interface ShortcodeResult {
  content: string
  /** Each shortcode left as written, by name, once each: "[contact-form-7]". */
  leftAsText: string[]
  notes: string[]
}

// Bounded everywhere: a shortcode's attributes are at most 2,000 characters, its
// enclosed text at most 10,000, and every class is negated, so nothing backtracks.
const attributePattern =
  /([\w-]{1,50})\s*=\s*(?:"([^"]{0,2000})"|'([^']{0,2000})'|([^\s"'\]]{1,2000}))/g
const caption =
  /\[caption([^\]]{0,2000})\]\s*((?:<a[^>]{0,2000}>\s*)?<img[^>]{0,4000}>(?:\s*<\/a>)?)\s*([^[]{0,10000})\[\/caption\]/g
const gallery = /\[gallery([^\]]{0,2000})\]/g
const embed = /\[embed[^\]]{0,2000}\]\s*([^\s[<]{1,2000})\s*\[\/embed\]/g
const media = /\[(audio|video)([^\]]{0,2000})\](?:[^[]{0,10000}\[\/\1\])?/g
const anyShortcode = /\[\/?([a-z][a-z0-9_-]{0,49})(?=[\s\]/])[^\]]{0,2000}\]/g

/** A shortcode's attributes by name (lowercase). */
function attributes(text: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const match of text.matchAll(attributePattern)) {
    found[(match[1] as string).toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? ''
  }
  return found
}

function link(href: string, text: string): string {
  return `<p><a href="${escapeHtml(href)}">${escapeHtml(text)}</a></p>`
}

/**
 * Turns the common shortcodes into HTML the site allows: [caption] a figure,
 * [gallery] a list of its images (by ids, else the post's attachments),
 * [embed] a link, [audio] and [video] a link to their file (the site allows no
 * media elements). Any other shortcode is left as text and named.
 */
export function convertShortcodes(
  content: string,
  postId: string,
  attachments: AttachmentIndex,
): ShortcodeResult {
  const notes: string[] = []
  let text = content.replace(
    caption,
    (_, _attributes: string, image: string, words: string) =>
      `<figure>${image}<figcaption>${words.trim()}</figcaption></figure>`,
  )
  text = text.replace(gallery, (_, raw: string) => {
    const ids = attributes(raw).ids
    const shown = ids
      ? ids
          .split(',')
          .map((id) => attachments.byId.get(id.trim()))
          .filter((a) => a !== undefined)
      : attachments.ofPost(postId)
    if (shown.length === 0) {
      notes.push('[gallery] names no attachment in the export: left out')
      return ''
    }
    const items = shown.map(
      (a) =>
        `<li><img src="${escapeHtml(a.url)}" alt="${escapeHtml(a.alt)}" class="wp-image-${a.id}"` +
        `${a.width && a.height ? ` width="${a.width}" height="${a.height}"` : ''} /></li>`,
    )
    notes.push(`[gallery] written as a list of ${shown.length} images`)
    return `<ul>${items.join('')}</ul>`
  })
  text = text.replace(embed, (_, url: string) => {
    notes.push(`[embed] ${url} written as a link (the site embeds nothing)`)
    return link(url, url)
  })
  text = text.replace(media, (_, kind: string, raw: string) => {
    const values = Object.values(attributes(raw))
    const url = values.find((value) => /^https?:\/\/\S+$/.test(value))
    if (!url) {
      notes.push(`[${kind}] without a file address: left out`)
      return ''
    }
    notes.push(`[${kind}] written as a link to ${url} (the site allows no ${kind} player)`)
    return link(url, url.slice(url.lastIndexOf('/') + 1) || url)
  })
  const left = new Set<string>()
  for (const match of text.matchAll(anyShortcode)) left.add(`[${match[1]}]`)
  return { content: text, leftAsText: [...left].sort(), notes }
}
