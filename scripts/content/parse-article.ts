import { normaliseTag } from '../../src/content/tags'
import type { Article } from '../../src/content/types'
import { splitFrontMatter } from './front-matter'
import type { RenderedBody } from './markdown'
import { withLines } from './problem-lines'
import { articleFrontMatter } from './schema'
import { describeIssues } from './validation-messages'

/** Either a value or the messages that explain why there is none. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] }

/**
 * Parses and validates one article file; `renderBody` turns its Markdown into
 * safe HTML. Each error is `file:line: problem` (`file: problem` when no line
 * can be told).
 */
export function parseArticle(
  file: string,
  text: string,
  renderBody: (markdown: string) => RenderedBody,
): Parsed<Article> {
  const refused = (problems: string[]) =>
    ({ ok: false, errors: withLines(file, text, problems) }) as const
  const split = splitFrontMatter(text)
  if (typeof split === 'string') return refused([split])
  const result = articleFrontMatter.safeParse(split.data)
  if (!result.success) return refused(describeIssues(split.data, result.error))
  const data = result.data
  const problems: string[] = []
  const expectedName = `${data.slug}.md`
  if (!file.endsWith(`/${expectedName}`) && file !== expectedName) {
    problems.push(`"slug" must match the file name, got "${data.slug}"`)
  }
  if (data.updated && Date.parse(data.updated) < Date.parse(data.published)) {
    problems.push(`"updated" must not be before "published", got "${data.updated}"`)
  }
  if (split.body.trim() === '') problems.push('the article body must not be empty')
  const body = renderBody(split.body)
  problems.push(...body.problems)
  if (problems.length > 0) return refused(problems)
  return {
    ok: true,
    value: {
      slug: data.slug,
      title: data.title,
      summary: data.summary,
      language: data.language,
      published: data.published,
      ...(data.updated ? { updated: data.updated } : {}),
      authors: data.authors.map((a) => (a.url ? { name: a.name, url: a.url } : { name: a.name })),
      // NFC, once each: the same tag typed composed or decomposed is one tag (content/tags.ts).
      tags: [...new Set(data.tags.map(normaliseTag))],
      ...(data.source ? { source: data.source } : {}),
      comments: data.comments,
      ...(data.draft ? { draft: true as const } : {}),
      ...(body.leadImage ? { image: body.leadImage } : {}),
      html: body.html,
    },
  }
}
