import { createHash } from 'node:crypto'
import { stringify } from 'yaml'
import { commentFields } from '../../src/comments/fields'
import { validateImportedComment } from '../../src/comments/rules'
import type { StoredComment } from '../../src/comments/types'
import { commentText, plainText, postBodyHtml } from './post-html'
import { articleSlug } from './slug'
import type { Wxr, WxrComment, WxrItem } from './wxr'

/** An article file to write: content/articles/<slug>.md. */
export interface ArticleFile {
  slug: string
  title: string
  /** The whole file: front matter and body. */
  text: string
}

/** A post left out on purpose, named so the publisher can deal with it by hand. */
export interface NamedSkip {
  id: string
  title: string
  reason: 'private' | 'password-protected' | 'empty' | 'too large'
}

/** Everything an import would do, worked out before anything is written. */
export interface ImportPlan {
  articles: ArticleFile[]
  comments: StoredComment[]
  /** Posts skipped by name. */
  skippedPosts: NamedSkip[]
  /** Other items skipped, counted by kind: page, attachment, nav_menu_item, draft post… */
  skippedItems: Record<string, number>
  /** Comments skipped, counted by why: spam, trash, pending, pingback, trackback… */
  skippedComments: Record<string, number>
}

/** WordPress's own name for a post without a title, as its screens show it. */
export const untitled = '(no title)'

// The summary of a post without an excerpt: its first paragraph, cut near this length.
const summaryLength = 300
const languageTag = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/

/**
 * Most characters of one post's content that are converted: wpautop and the
 * sanitiser cost time and memory in proportion, and a post this long (about
 * 8 MB of UTF-8 at most) is no article but pasted data. It is skipped by name.
 */
export const maxPostCharacters = 4 * 1024 * 1024
/**
 * Most characters of one comment's HTML that are read: WordPress itself stores at
 * most 65,525 bytes of comment text, so anything longer is not a WordPress comment.
 */
export const maxCommentHtmlCharacters = 65_525

// What the site's rules refuse and WordPress kept: C0 and C1 controls (but newline and tab),
// and in a name the direction controls that make it read backwards.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g
const directionControls = /[\u202A-\u202E\u2066-\u2069]/g
const zeroDate = /^0000-00-00/

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

/** "2024-11-27 17:30:00" read as if it were UTC, in milliseconds; NaN if it is no date. */
function wallClock(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value)
  if (!match || zeroDate.test(value)) return Number.NaN
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s)
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A post date with its offset: the local wall-clock time (wp:post_date) and the
 * offset it had from UTC (wp:post_date - wp:post_date_gmt), e.g.
 * 2024-11-27T17:30:00+05:30. Without a usable GMT date the local time is taken as UTC.
 */
export function dateWithOffset(local: string, gmt: string): string | undefined {
  const localMs = wallClock(local)
  const gmtMs = wallClock(gmt)
  if (Number.isNaN(localMs) && Number.isNaN(gmtMs)) return undefined
  const wall = Number.isNaN(localMs) ? gmtMs : localMs
  const offsetMinutes = Number.isNaN(gmtMs) ? 0 : Math.round((wall - gmtMs) / 60_000)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const stamp = new Date(wall).toISOString().slice(0, 19)
  return `${stamp}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** A tag as the content schema takes it: no < > " and & spelled +. */
function cleanTag(name: string): string {
  return name.replace(/&/g, '+').replace(/[<>"]/g, '').replace(/\s+/g, ' ').trim()
}

function tagsOf(item: WxrItem): string[] {
  const tags: string[] = []
  for (const term of item.terms) {
    // WXR 1.0 called tags "tag"; later versions "post_tag".
    if (term.domain !== 'category' && term.domain !== 'post_tag' && term.domain !== 'tag') continue
    // WordPress files every post without a category under this default one.
    const nicename = term.nicename || term.name.toLowerCase()
    if (term.domain === 'category' && nicename === 'uncategorized') continue
    const tag = cleanTag(plainText(term.name))
    if (tag && !tags.includes(tag)) tags.push(tag)
  }
  return tags
}

function summaryOf(item: WxrItem, body: string, title: string): string {
  const excerpt = plainText(item.excerpt)
  if (excerpt) return excerpt
  const first = /<p[\s>][\s\S]*?<\/p>/.exec(body)?.[0] ?? body
  const text = plainText(first)
  if (!text) return title
  if ([...text].length <= summaryLength) return text
  const cut = [...text].slice(0, summaryLength).join('')
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), summaryLength / 2)).trimEnd()}…`
}

/** A comment id of this site's shape (ids.ts): the time, then 10 base-32 characters of a hash. */
function commentId(createdMs: number, seed: string): string {
  const time = Math.max(0, createdMs).toString(36).padStart(9, '0')
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  const digest = createHash('sha256').update(seed).digest()
  return time + Array.from(digest.subarray(0, 10), (b) => alphabet[b & 31]).join('')
}

function createdOf(comment: WxrComment): number {
  const gmt = wallClock(comment.dateGmt)
  return Number.isNaN(gmt) ? wallClock(comment.date) : gmt
}

function httpUrl(value: string): string | undefined {
  const url = value.trim()
  return /^https?:\/\/\S+$/.test(url) && URL.canParse(url) && url.length <= 200 ? url : undefined
}

/** A WordPress comment's name as one line the site's rules take, cut to their length. */
function authorName(html: string): string {
  // The rules refuse `<` and `>` in a name (markup_characters); a WordPress name may hold them.
  const name = plainText(html)
    .replace(controls, '')
    .replace(directionControls, '')
    .replace(/[<>]/g, '')
    .trim()
  return [...name].slice(0, commentFields.author.max).join('').trim()
}

/**
 * The comment as the site's import will take it, or why it would be refused: an
 * e-mail or URL the rules refuse is left out (WordPress checked neither strictly
 * in every version), anything else wrong skips the comment.
 */
function withinRules(comment: StoredComment): StoredComment | string {
  const checked = validateImportedComment(comment)
  if (checked.ok) return comment
  const fixable = new Set(['email', 'url'])
  const fatal = checked.issues.find((issue) => !fixable.has(issue.field))
  if (fatal) return `${fatal.field} ${fatal.code.replaceAll('_', ' ')}`
  const { url: _url, ...rest } = comment
  const fixed = checked.issues.some((issue) => issue.field === 'url') ? rest : comment
  return checked.issues.some((issue) => issue.field === 'email') ? { ...fixed, email: '' } : fixed
}

/** Why a comment is not imported, or undefined when it is an approved comment. */
function commentSkip(comment: WxrComment): string | undefined {
  if (comment.type === 'pingback' || comment.type === 'trackback') return comment.type
  if (comment.type !== '' && comment.type !== 'comment') return comment.type
  if (comment.approved === '1') return undefined
  if (comment.approved === '0') return 'pending'
  if (comment.approved === 'post-trashed') return 'trash'
  return comment.approved || 'pending'
}

/** The approved comments of one post, threaded through the new ids. */
function commentsOf(
  wxr: Wxr,
  item: WxrItem,
  slug: string,
  skipped: Record<string, number>,
): StoredComment[] {
  const byWordPressId = new Map(item.comments.map((c) => [c.id, c]))
  const newIds = new Map<string, string>()
  const kept: Array<{ source: WxrComment; comment: StoredComment }> = []
  for (const source of item.comments) {
    const reason = commentSkip(source)
    const tooLong = source.content.length > maxCommentHtmlCharacters
    const content = reason || tooLong ? '' : commentText(source.content).replace(controls, '')
    const createdMs = createdOf(source)
    if (reason) count(skipped, reason)
    else if (tooLong) count(skipped, 'content too long')
    else if (!content) count(skipped, 'empty')
    else if (Number.isNaN(createdMs)) count(skipped, 'undated')
    else {
      const id = commentId(createdMs, `${wxr.link}\u0000${item.id}\u0000${source.id}`)
      const url = httpUrl(source.url)
      const comment = withinRules({
        id,
        article: slug,
        // WordPress shows a comment without a name as Anonymous.
        author: authorName(source.author) || 'Anonymous',
        email: source.email.trim(),
        ...(url ? { url } : {}),
        content,
        created: new Date(createdMs).toISOString(),
        status: 'approved',
        // The client address is not carried over: it was WordPress's to keep.
        client: '',
      })
      if (typeof comment === 'string') count(skipped, comment)
      else {
        newIds.set(source.id, id)
        kept.push({ source, comment })
      }
    }
  }
  return kept.map(({ source, comment }) => {
    // A reply to a comment that is not imported hangs from the nearest imported ancestor.
    const seen = new Set<string>()
    let parent = byWordPressId.get(source.parent)
    while (parent && !newIds.has(parent.id) && !seen.has(parent.id)) {
      seen.add(parent.id)
      parent = byWordPressId.get(parent.parent)
    }
    const parentId = parent ? newIds.get(parent.id) : undefined
    if (!parentId) return comment
    const { created, status, client, ...before } = comment
    return { ...before, parent: parentId, created, status, client }
  })
}

function articleText(front: Record<string, unknown>, body: string): string {
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${body}\n`
}

/**
 * Works out what importing a WordPress export does: published posts become article
 * files, their approved comments become comments with ids derived from the export
 * (so a second run produces the same ones), and everything else is counted or
 * named. `fallbackLanguage` is used when the channel names no usable language.
 */
export function planImport(wxr: Wxr, fallbackLanguage: string): ImportPlan {
  const plan: ImportPlan = {
    articles: [],
    comments: [],
    skippedPosts: [],
    skippedItems: {},
    skippedComments: {},
  }
  const displayNames = new Map(wxr.authors.map((a) => [a.login, a.displayName]))
  const language = languageTag.test(wxr.language) ? wxr.language : fallbackLanguage
  const slugs = new Set<string>()
  for (const item of wxr.items) {
    const title = plainText(item.title) || untitled
    const skip = (reason: string) => {
      count(plan.skippedItems, reason)
      for (const _ of item.comments) count(plan.skippedComments, 'on items not imported')
    }
    if (item.type !== 'post') {
      skip(item.type || 'item')
      continue
    }
    if (item.status === 'private' || item.password !== '') {
      const reason = item.status === 'private' ? 'private' : 'password-protected'
      plan.skippedPosts.push({ id: item.id, title, reason })
      for (const _ of item.comments) count(plan.skippedComments, 'on items not imported')
      continue
    }
    if (item.status !== 'publish') {
      skip(`${item.status || 'unpublished'} post`)
      continue
    }
    if (item.content.length > maxPostCharacters) {
      plan.skippedPosts.push({ id: item.id, title, reason: 'too large' })
      for (const _ of item.comments) count(plan.skippedComments, 'on items not imported')
      continue
    }
    const body = postBodyHtml(item.content)
    const published =
      dateWithOffset(item.postDate, item.postDateGmt) ??
      (Number.isNaN(Date.parse(item.pubDate)) ? undefined : new Date(item.pubDate).toISOString())
    if (!body || !published) {
      plan.skippedPosts.push({ id: item.id, title, reason: 'empty' })
      for (const _ of item.comments) count(plan.skippedComments, 'on items not imported')
      continue
    }
    let slug = articleSlug(item.name, title, item.id)
    // Two slugs that transliterate alike: the later post gets its WordPress id appended.
    if (slugs.has(slug)) slug = `${slug}-${item.id}`
    slugs.add(slug)
    const updated = dateWithOffset(item.modified, item.modifiedGmt)
    const isLater = updated !== undefined && Date.parse(updated) > Date.parse(published)
    const author = displayNames.get(item.creator) || item.creator || wxr.title || 'WordPress'
    const front = {
      title,
      slug,
      published,
      ...(isLater ? { updated } : {}),
      language,
      summary: summaryOf(item, body, title),
      authors: [{ name: plainText(author) || 'WordPress' }],
      tags: tagsOf(item),
      comments: item.commentStatus === 'closed' ? 'closed' : 'open',
    }
    plan.articles.push({ slug, title, text: articleText(front, body) })
    plan.comments.push(...commentsOf(wxr, item, slug, plan.skippedComments))
  }
  plan.comments.sort((a, b) => a.id.localeCompare(b.id))
  return plan
}
