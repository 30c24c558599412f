import { z } from 'zod'

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** An ISO 8601 date-time that names its offset, so its instant is unambiguous. */
const dateTime = z
  .string({ error: 'must be an ISO 8601 date with offset' })
  .refine((value) => isoWithOffset.test(value) && !Number.isNaN(Date.parse(value)), {
    error: 'must be an ISO 8601 date with offset',
  })

const httpUrl = z
  .string({ error: 'must be an http(s) URL' })
  .refine((value) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
    error: 'must be an http(s) URL',
  })

// BCP 47 in the shape feeds and <html lang> accept: a primary subtag and optional subtags.
const languageTag = z
  .string({ error: 'must be a BCP 47 language tag' })
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'must be a BCP 47 language tag' })

const nonEmptyText = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })

// Tags become XML attributes and URL segments in feeds; markup characters have no place there.
const tag = nonEmptyText.regex(/^[^<>&"]+$/, { error: 'must not contain < > & or "' })

const author = z.strictObject({ name: nonEmptyText, url: httpUrl.optional() })

/** Front matter of content/articles/<slug>.md. */
export const articleFrontMatter = z.strictObject({
  title: nonEmptyText,
  slug: z
    .string({ error: 'must be lowercase ASCII kebab-case' })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lowercase ASCII kebab-case' }),
  published: dateTime,
  updated: dateTime.optional(),
  language: languageTag,
  summary: nonEmptyText,
  authors: z.array(author, { error: 'must be a list of authors' }).min(1, {
    error: 'must name at least one author',
  }),
  tags: z.array(tag, { error: 'must be a list of tags' }).default([]),
  source: z.strictObject({ name: nonEmptyText, url: httpUrl }).optional(),
  comments: z.enum(['open', 'closed'], { error: 'must be "open" or "closed"' }).default('open'),
  draft: z.boolean({ error: 'must be true or false' }).default(false),
})

/** content/site.yaml. */
export const siteSettings = z.strictObject({
  title: nonEmptyText,
  description: nonEmptyText,
  language: languageTag,
  id_authority: z
    .string({ error: 'must be "domain,YYYY" (RFC 4151 tagging entity)' })
    .regex(/^[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?$/, {
      error: 'must be "domain,YYYY" (RFC 4151 tagging entity)',
    }),
  feed_size: z
    .number({ error: 'must be a whole number from 1 to 100' })
    .int({ error: 'must be a whole number from 1 to 100' })
    .min(1, { error: 'must be a whole number from 1 to 100' })
    .max(100, { error: 'must be a whole number from 1 to 100' }),
  auto_approve_comments: z.boolean({ error: 'must be true or false' }).default(false),
  comment_origins: z.array(httpUrl, { error: 'must be a list of origins' }).default([]),
  websub_hub: httpUrl.optional(),
})

export type ArticleFrontMatter = z.infer<typeof articleFrontMatter>
export type SiteSettingsFile = z.infer<typeof siteSettings>
