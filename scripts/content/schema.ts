// zod/mini, not zod: the same checks and issues, and a bundle a twentieth the
// size. The build loads it on every run, and zod's classic API alone cost a
// tenth of a second to load, a tenth of the one-second rebuild.
import * as z from 'zod/mini'

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Whether the date and time written are on the calendar: Date.parse reads
 * 2026-02-30 as 2 March and 24:00 as the next day, so each part is checked.
 * Text of another form passes here and is refused by the form's own check.
 */
function onTheCalendar(value: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value)
  if (!parts) return true
  // Seconds may be left out: they count as 0.
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0))
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value)
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate()
  return (
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 59 &&
    (!offset || (Number(offset[2]) <= 23 && Number(offset[3]) <= 59))
  )
}

/** An ISO 8601 date-time that names its offset, so its instant is unambiguous. */
const dateTime = z.string({ error: 'must be an ISO 8601 date with offset' }).check(
  z.refine((value: string) => isoWithOffset.test(value) && !Number.isNaN(Date.parse(value)), {
    error: 'must be an ISO 8601 date with offset',
  }),
  z.refine(onTheCalendar, {
    error: 'must be a date and time on the calendar (months of 28 to 31 days, hours 00 to 23)',
  }),
)

const httpUrl = z.string({ error: 'must be an http(s) URL' }).check(
  z.refine((value: string) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
    error: 'must be an http(s) URL',
  }),
)

// BCP 47 in the shape feeds and <html lang> accept: a primary subtag and optional subtags.
const languageTag = z
  .string({ error: 'must be a BCP 47 language tag' })
  .check(z.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'must be a BCP 47 language tag' }))

const nonEmptyText = z
  .string({ error: 'must be text' })
  .check(z.trim(), z.minLength(1, { error: 'must not be empty' }))

// Tags become XML attributes and URL segments in feeds; markup characters have no place there.
const tag = nonEmptyText.check(z.regex(/^[^<>&"]+$/, { error: 'must not contain < > & or "' }))

const author = z.strictObject({ name: nonEmptyText, url: z.optional(httpUrl) })

const trueOrFalse = z.boolean({ error: 'must be true or false' })

/** Front matter of content/articles/<slug>.md. */
export const articleFrontMatter = z.strictObject({
  title: nonEmptyText,
  slug: z
    .string({ error: 'must be lowercase ASCII kebab-case' })
    .check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lowercase ASCII kebab-case' })),
  published: dateTime,
  updated: z.optional(dateTime),
  language: languageTag,
  summary: nonEmptyText,
  authors: z
    .array(author, { error: 'must be a list of authors' })
    .check(z.minLength(1, { error: 'must name at least one author' })),
  tags: z._default(z.array(tag, { error: 'must be a list of tags' }), []),
  source: z.optional(z.strictObject({ name: nonEmptyText, url: httpUrl })),
  comments: z._default(z.enum(['open', 'closed'], { error: 'must be "open" or "closed"' }), 'open'),
  draft: z._default(trueOrFalse, false),
})

/** Front matter of content/pages/<slug>.md; the slug is the file name. */
export const pageFrontMatter = z.strictObject({
  title: nonEmptyText,
  description: z.optional(nonEmptyText),
  language: z.optional(languageTag),
  updated: z.optional(dateTime),
  draft: z._default(trueOrFalse, false),
})

const menuHref = 'must be a path on this site (/about) or an http(s) URL'

/** A menu link: a path on this site (one slash, then no space) or an http(s) URL. */
const menuLink = z.strictObject({
  label: nonEmptyText,
  href: z
    .string({ error: menuHref })
    .check(
      z.refine(
        (value: string) =>
          /^\/(?!\/)\S*$/.test(value) || (/^https?:\/\/\S+$/.test(value) && URL.canParse(value)),
        { error: menuHref },
      ),
    ),
})

const feedSize = 'must be a whole number from 1 to 100'

/** content/site.yaml. */
export const siteSettings = z.strictObject({
  title: nonEmptyText,
  description: nonEmptyText,
  language: languageTag,
  id_authority: z.string({ error: 'must be "domain,YYYY" (RFC 4151 tagging entity)' }).check(
    z.regex(/^[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?$/, {
      error: 'must be "domain,YYYY" (RFC 4151 tagging entity)',
    }),
  ),
  feed_size: z
    .int({ error: feedSize })
    .check(z.gte(1, { error: feedSize }), z.lte(100, { error: feedSize })),
  auto_approve_comments: z._default(trueOrFalse, false),
  comment_origins: z._default(z.array(httpUrl, { error: 'must be a list of origins' }), []),
  websub_hub: z.optional(httpUrl),
  feeds: z._default(
    z.enum(['worker', 'static'], { error: 'must be "worker" or "static"' }),
    'worker',
  ),
  menu: z._default(z.array(menuLink, { error: 'must be a list of {label, href}' }), []),
  // Absent, not empty, means "choose for me": [] is a site without a section menu.
  sections: z.optional(z.array(tag, { error: 'must be a list of tags' })),
})

/** A link of an author's file: its text and where it goes. */
const authorLink = z.strictObject({ label: nonEmptyText, url: httpUrl })

/** content/authors/<slug>.yaml: what an author's page says of them beside their articles. */
export const authorFile = z.strictObject({
  /** The name as articles' front matter credits them (compared in NFC). */
  name: nonEmptyText,
  bio: z.optional(nonEmptyText),
  links: z._default(z.array(authorLink, { error: 'must be a list of {label, url}' }), []),
})

export type ArticleFrontMatter = z.infer<typeof articleFrontMatter>
export type SiteSettingsFile = z.infer<typeof siteSettings>
