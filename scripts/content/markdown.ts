import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

const marked = new Marked({ gfm: true, async: false })

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
    img: ['src', 'alt', 'title', 'width', 'height'],
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
}

/** Renders article Markdown to sanitised HTML (build time only). */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, articleHtmlAllowlist).trim()
}
