import type { SitePage } from '../../src/content/types'
import { reservedPageSlugs } from '../../src/paths'
import { splitFrontMatter } from './front-matter'
import type { RenderedBody } from './markdown'
import type { Parsed } from './parse-article'
import { withLines } from './problem-lines'
import { pageFrontMatter } from './schema'
import { describeIssues } from './validation-messages'

const pageSlug = /^[a-z0-9]+(-[a-z0-9]+)*$/

/**
 * Parses and validates one page file, content/pages/<slug>.md, whose slug is
 * its file name: lowercase ASCII kebab-case, and none a route answers under.
 * `language` defaults to the site's; the body is rendered as an article's.
 */
export function parsePage(
  file: string,
  name: string,
  text: string,
  siteLanguage: string,
  renderBody: (markdown: string) => RenderedBody,
): Parsed<SitePage> {
  const slug = name.slice(0, -'.md'.length)
  if (!pageSlug.test(slug)) {
    return {
      ok: false,
      errors: [`${file}: a page's file name must be lowercase ASCII kebab-case, got "${name}"`],
    }
  }
  if (reservedPageSlugs.includes(slug)) {
    return {
      ok: false,
      errors: [
        `${file}: the page would be served at /${slug}, which the site's own routes use; ` +
          `rename the file (reserved: ${reservedPageSlugs.join(', ')})`,
      ],
    }
  }
  const split = splitFrontMatter(text)
  if (typeof split === 'string') return { ok: false, errors: [`${file}: ${split}`] }
  const result = pageFrontMatter.safeParse(split.data)
  if (!result.success) {
    return { ok: false, errors: withLines(file, text, describeIssues(split.data, result.error)) }
  }
  const data = result.data
  const errors: string[] = []
  if (split.body.trim() === '') errors.push(`${file}: the page body must not be empty`)
  const body = renderBody(split.body)
  errors.push(...body.problems.map((problem) => `${file}: ${problem}`))
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      slug,
      title: data.title,
      ...(data.description ? { description: data.description } : {}),
      language: data.language ?? siteLanguage,
      ...(data.updated ? { updated: data.updated } : {}),
      ...(data.draft ? { draft: true as const } : {}),
      html: body.html,
    },
  }
}
