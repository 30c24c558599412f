import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'
import type { ArticleImage } from '../../src/content/types'
import type { MediaLibrary } from './media'

/** An article body rendered to safe HTML, its lead (first) image, and what is wrong with it. */
export interface RenderedBody {
  html: string
  leadImage?: ArticleImage
  problems: string[]
}

// The image renderer reports into the body being rendered; rendering is synchronous.
let current: { media: MediaLibrary; images: ArticleImage[]; problems: string[] } | undefined

const attribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    image({ href, title, text }) {
      if (!current) throw new Error('image rendered outside renderBody')
      const found = current.media.image(href)
      if (typeof found === 'string') {
        current.problems.push(found)
        return ''
      }
      if (text.trim() === '') {
        current.problems.push(
          `image "${href}" has no alt text: write ![what the image shows](${href})`,
        )
        return ''
      }
      current.images.push({
        url: found.url,
        width: found.width,
        height: found.height,
        type: found.type,
        length: found.length,
        alt: text,
      })
      const titled = title ? ` title="${attribute(title)}"` : ''
      // The lead image is near the top, often the page's largest paint: loaded at
      // once. The rest wait until the reader scrolls near them.
      const lazy = current.images.length > 1 ? ' loading="lazy"' : ''
      return `<img src="${attribute(found.url)}" alt="${attribute(text)}" width="${found.width}" height="${found.height}"${titled}${lazy}>`
    },
  },
})

// Authors write Markdown; raw HTML they add is reduced to this allowlist so a
// content file can never inject script or styles into pages and feeds. The
// WordPress import applies the same list, so what it writes is what the build keeps.
export const articleHtmlAllowlist: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'iframe'),
    'img',
    'figure',
    'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'hreflang'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
}

/**
 * Renders article Markdown to sanitised HTML (build time only). An image is
 * either a Markdown image of a file in content/media/ with alt text (the build
 * writes its width and height), or raw HTML <img> that already carries alt
 * text, width and height (as a WordPress import writes them); any other <img>
 * is refused, so no page shows an image without alt text or one that shifts
 * the layout as it loads.
 */
export function renderBody(markdown: string, media: MediaLibrary): RenderedBody {
  current = { media, images: [], problems: [] }
  try {
    const html = sanitizeHtml(marked.parse(markdown) as string, articleHtmlAllowlist).trim()
    const { images, problems } = current
    // The Markdown images this render wrote are described; anything else must describe itself.
    for (const tag of html.match(/<img\b[^>]*>/g) ?? []) {
      const alt = /\balt="([^"]*)"/.exec(tag)?.[1] ?? ''
      if (alt.trim() !== '' && /\bwidth="\d+"/.test(tag) && /\bheight="\d+"/.test(tag)) continue
      const src = /\bsrc="([^"]*)"/.exec(tag)?.[1] ?? ''
      problems.push(
        `image "${src}" in HTML has no alt text, width or height: write images as ![alt text](/media/<file name>), or as HTML <img> with alt, width and height`,
      )
    }
    return { html, ...(images[0] ? { leadImage: images[0] } : {}), problems }
  } finally {
    current = undefined
  }
}
