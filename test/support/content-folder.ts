import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testSiteSettings } from '../harness/test-site'

/** One article of a fixture site; what is left out takes a plain Hindi default. */
export interface FixtureArticle {
  slug: string
  published: string
  title?: string
  summary?: string
  tags?: string[]
  /** The one author's web address, when it has one. */
  authorUrl?: string
  /** Front matter lines after the rest, each ending in a newline (e.g. "draft: true\n"). */
  extra?: string
  body?: string
}

/** The text of an article file with valid front matter. */
export function articleFile(article: FixtureArticle): string {
  const tags = article.tags ?? []
  return `---
title: ${JSON.stringify(article.title ?? `${article.slug} शीर्षक`)}
slug: ${article.slug}
published: ${article.published}
language: hi
summary: ${JSON.stringify(article.summary ?? 'सारांश')}
authors:
  - name: लेखक${article.authorUrl ? `\n    url: ${article.authorUrl}` : ''}
tags: [${tags.map((tag) => JSON.stringify(tag)).join(', ')}]
${article.extra ?? ''}---

${article.body ?? 'पाठ'}
`
}

/**
 * A content folder in a fresh temporary directory: the test site's site.yaml with
 * `settings` lines replacing or adding top-level keys, the articles, and media files.
 */
export function contentFolder(
  articles: readonly FixtureArticle[],
  options: { settings?: Record<string, string | number>; media?: Record<string, Buffer> } = {},
): string {
  const content = mkdtempSync(join(tmpdir(), 'fixture-content-'))
  mkdirSync(join(content, 'articles'))
  let site = readFileSync(testSiteSettings, 'utf8')
  for (const [key, value] of Object.entries(options.settings ?? {})) {
    const line = new RegExp(`^${key}:.*$`, 'm')
    site = line.test(site) ? site.replace(line, `${key}: ${value}`) : `${site}\n${key}: ${value}\n`
  }
  writeFileSync(join(content, 'site.yaml'), site)
  for (const article of articles) {
    writeFileSync(join(content, 'articles', `${article.slug}.md`), articleFile(article))
  }
  mkdirSync(join(content, 'media'))
  for (const [name, bytes] of Object.entries(options.media ?? {})) {
    writeFileSync(join(content, 'media', name), bytes)
  }
  return content
}
