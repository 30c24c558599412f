import { createHash } from 'node:crypto'
import { stringify } from 'yaml'
import { commentFields } from '../../src/comments/fields'
import { validateImportedComment } from '../../src/comments/rules'
import type { StoredComment } from '../../src/comments/types'
import { reservedPageSlugs } from '../../src/paths'
import { AttachmentIndex, type UploadsFolder, uploadsPath } from './media'
import { commentText, plainText, postBodyHtml } from './post-html'
import { articleSlug } from './slug'
import type { Wxr, WxrComment, WxrItem } from './wxr'

/** A file to write: content/articles/<slug>.md or content/pages/<slug>.md. */
export interface ContentFile {
  slug: string
  title: string
  /** The whole file: front matter and body. */
  text: string
}

/** A post or page left out on purpose, named so the publisher can deal with it by hand. */
export interface NamedSkip {
  id: string
  /** post or page. */
  kind: string
  title: string
  reason: 'private' | 'password-protected' | 'empty' | 'too large' | 'undated' | 'trashed'
}

/** What was changed in one imported file so the build takes it, or left on the old site. */
export interface FileReport {
  /** content/articles/<slug>.md or content/pages/<slug>.md, relative to the content folder. */
  file: string
  /** The WordPress item it came from: "post 101". */
  source: string
  notes: string[]
}

/** Everything an import would do, worked out before anything is written. */
export interface ImportPlan {
  articles: ContentFile[]
  pages: ContentFile[]
  /** Files of the uploads folder to copy to content/media/<name>. */
  media: Map<string, Buffer>
  comments: StoredComment[]
  /** Posts and pages skipped by name. */
  skippedPosts: NamedSkip[]
  /** Other items skipped, counted by kind: nav_menu_item, revision… */
  skippedItems: Record<string, number>
  /** Comments skipped, counted by why: spam, trash, pending, pingback, trackback… */
  skippedComments: Record<string, number>
  /** Per imported file, what was changed or left on the old site (only files with notes). */
  changes: FileReport[]
  /** Attachments not copied (no uploads folder given, or not in it), by file name and why. */
  attachmentsLeft: string[]
}

/** What the importer reads besides the export. */
export interface ImportSources {
  /** The language of content/site.yaml, for an export whose channel names none. */
  fallbackLanguage: string
  /** The publisher's wp-content/uploads (--uploads), if given. */
  uploads?: UploadsFolder
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

function fileText(front: Record<string, unknown>, body: string): string {
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${body}\n`
}

// Statuses brought across: published, scheduled (future: the build schedules it by its
// date) and the unfinished ones, kept as drafts. Private and trashed ones are named instead.
const draftStatuses = new Set(['draft', 'pending', 'auto-draft'])
const keptStatuses = new Set(['publish', 'future', ...draftStatuses])

/**
 * Works out what importing a WordPress export does: posts become article files
 * and pages page files (published, scheduled, or drafts kept as drafts), their
 * images copied from the uploads folder or written so the build takes them,
 * approved comments of posts become comments with ids derived from the export
 * (so a second run produces the same ones), and everything else is counted or
 * named, with what was changed in each file.
 */
export function planImport(wxr: Wxr, sources: ImportSources): ImportPlan {
  const plan: ImportPlan = {
    articles: [],
    pages: [],
    media: new Map(),
    comments: [],
    skippedPosts: [],
    skippedItems: {},
    skippedComments: {},
    changes: [],
    attachmentsLeft: [],
  }
  const displayNames = new Map(wxr.authors.map((a) => [a.login, a.displayName]))
  const language = languageTag.test(wxr.language) ? wxr.language : sources.fallbackLanguage
  const attachments = new AttachmentIndex(wxr.items)
  const articleSlugs = new Set<string>()
  const pageSlugs = new Set<string>(reservedPageSlugs)
  for (const item of wxr.items) {
    const title = plainText(item.title) || untitled
    const noComments = (reason: string) => {
      for (const _ of item.comments) count(plan.skippedComments, reason)
    }
    const named = (reason: NamedSkip['reason']) => {
      plan.skippedPosts.push({ id: item.id, kind: item.type, title, reason })
      noComments('on items not imported')
    }
    if (item.type === 'attachment') {
      copyAttachment(item, sources.uploads, plan)
      noComments('on items not imported')
      continue
    }
    if (item.type !== 'post' && item.type !== 'page') {
      count(plan.skippedItems, item.type || 'item')
      noComments('on items not imported')
      continue
    }
    if (item.status === 'private') named('private')
    else if (item.password !== '') named('password-protected')
    else if (item.status === 'trash') named('trashed')
    else if (!keptStatuses.has(item.status)) {
      count(plan.skippedItems, `${item.status || 'unpublished'} ${item.type}`)
      noComments('on items not imported')
    } else if (item.content.length > maxPostCharacters) named('too large')
    else {
      const body = postBodyHtml(item.content, {
        postId: item.id,
        attachments,
        ...(sources.uploads ? { uploads: sources.uploads } : {}),
      })
      const date =
        dateWithOffset(item.postDate, item.postDateGmt) ??
        (Number.isNaN(Date.parse(item.pubDate)) ? undefined : new Date(item.pubDate).toISOString())
      if (!body.html) named('empty')
      else if (!date) named('undated')
      else {
        for (const [name, bytes] of body.media) plan.media.set(name, bytes)
        const isDraft = draftStatuses.has(item.status)
        const notes = [
          ...body.notes,
          ...body.shortcodes.map((code) => `shortcode ${code} left as text`),
        ]
        const modified = dateWithOffset(item.modified, item.modifiedGmt)
        const updated =
          modified !== undefined && Date.parse(modified) > Date.parse(date) ? modified : undefined
        if (item.type === 'page') {
          let slug = articleSlug(item.name, title, item.id)
          // A page may not take a route's address or another page's: it gets -page, then its id.
          if (pageSlugs.has(slug)) {
            const wanted = slug
            slug = pageSlugs.has(`${slug}-page`) ? `${slug}-${item.id}` : `${slug}-page`
            notes.push(`the address /${wanted} is taken: the page is /${slug}`)
          }
          pageSlugs.add(slug)
          // Pages have no publication date to wait for: a scheduled page waits as a draft.
          if (item.status === 'future') notes.push(`scheduled for ${date}: kept as a draft`)
          const excerpt = plainText(item.excerpt)
          const front = {
            title,
            ...(excerpt ? { description: excerpt } : {}),
            language,
            ...(updated ? { updated } : {}),
            ...(isDraft || item.status === 'future' ? { draft: true } : {}),
          }
          plan.pages.push({ slug, title, text: fileText(front, body.html) })
          noComments('on pages (pages take no comments)')
          report(plan, `pages/${slug}.md`, `page ${item.id}`, notes)
        } else {
          let slug = articleSlug(item.name, title, item.id)
          // Two slugs that transliterate alike: the later post gets its WordPress id appended.
          if (articleSlugs.has(slug)) slug = `${slug}-${item.id}`
          articleSlugs.add(slug)
          const author = displayNames.get(item.creator) || item.creator || wxr.title || 'WordPress'
          const front = {
            title,
            slug,
            published: date,
            ...(updated ? { updated } : {}),
            language,
            summary: summaryOf(item, body.html, title),
            authors: [{ name: plainText(author) || 'WordPress' }],
            tags: tagsOf(item),
            comments: item.commentStatus === 'closed' ? 'closed' : 'open',
            ...(isDraft ? { draft: true } : {}),
          }
          plan.articles.push({ slug, title, text: fileText(front, body.html) })
          plan.comments.push(...commentsOf(wxr, item, slug, plan.skippedComments))
          report(plan, `articles/${slug}.md`, `post ${item.id}`, notes)
        }
      }
    }
  }
  plan.comments.sort((a, b) => a.id.localeCompare(b.id))
  return plan
}

function report(plan: ImportPlan, file: string, source: string, notes: string[]): void {
  if (notes.length > 0) plan.changes.push({ file, source, notes: [...new Set(notes)] })
}

/** Copies an attachment's file when the uploads folder holds it; else names it as left behind. */
function copyAttachment(item: WxrItem, uploads: UploadsFolder | undefined, plan: ImportPlan) {
  const name = item.meta._wp_attached_file || uploadsPath(item.attachmentUrl)
  if (!name) {
    plan.attachmentsLeft.push(`attachment ${item.id} (no file in the export)`)
    return
  }
  const file = uploads?.file(name)
  if (file) plan.media.set(name, file.bytes)
  else {
    const why = uploads ? 'not in the uploads folder' : 'no --uploads folder given'
    plan.attachmentsLeft.push(`${name} (${why}): stays at ${item.attachmentUrl || 'the old site'}`)
  }
}
