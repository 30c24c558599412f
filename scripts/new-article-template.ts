/** What the template needs to know about the new article. */
export interface TemplateFields {
  slug: string
  /** ISO 8601 with offset. */
  published: string
  language: string
  author: string
}

/** A YAML double-quoted scalar: JSON's string syntax is valid YAML. */
const quoted = (text: string) => JSON.stringify(text)

/** The Markdown file of a new article, with a comment on every front-matter field. */
export function articleTemplate(fields: TemplateFields): string {
  return `---
# Checked by the build (scripts/content/schema.ts); "npm start" names any field it rejects.
title: "TODO: the headline"
# The address (/articles/<slug>) and the file name; keep them the same.
slug: ${fields.slug}
# ISO 8601 with the UTC offset. After a later revision, add updated: with its date.
published: ${fields.published}
# BCP 47 language tag of the text, e.g. hi or en.
language: ${fields.language}
# The standfirst: shown under the headline, on the index and in feeds.
summary: "TODO: one or two sentences that sum up the article."
authors:
  - name: ${quoted(fields.author)}
    # url: https://example.org/about   (optional)
# tags: [one, two]   (optional)
tags: []
# For a republished article:   source: { name: Publisher, url: https://example.org/story }
# open, or closed to turn comments off.
comments: open
# A new article starts as a draft, so a deploy never publishes its TODOs: npm start
# shows it, marked as a draft. Set false when every TODO is replaced, and set
# published to that moment. A published time in the future schedules it: it appears
# at that instant, without a deploy.
draft: true
---

TODO: write the article here in Markdown. A line starting with "## " is a sub-heading.
`
}

const two = (n: number) => String(n).padStart(2, '0')

/** This minute in the machine's time zone, with its offset: 2026-11-25T18:31+05:30. */
export function localIsoMinute(now: Date): string {
  const offset = -now.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return (
    `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}` +
    `T${two(now.getHours())}:${two(now.getMinutes())}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  )
}

/** A kebab-case slug close to what the operator typed, or undefined if none is. */
export function suggestSlug(typed: string): string | undefined {
  const slug = typed
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug === '' ? undefined : slug
}
