import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { type AppEnv, commentStore, config } from '../app/context'
import { Hono } from '../app/hono'
import { isCommentId } from '../comments/ids'
import { moderateComment, moderationActions } from '../comments/moderation'
import type { ViewChange } from '../comments/store/readers-view'
import { updateReadersView } from '../comments/store/view-updates'
import type { CommentStatus, StoredComment } from '../comments/types'
import { indexPageSize } from '../content/data-files'
import { findArticle, findPublicArticle, listEntries, site, siteList } from '../content/index'
import { visibleCount } from '../content/visible'
import { cacheControl } from '../http/cache-control'
import { problemResponse, storeUnavailable } from '../http/problem'
import { csrfToken } from '../lib/signed-session'
import {
  adminAuthPeriod,
  adminOpen,
  authBlocked,
  countAuthFailure,
  isAdminToken,
  isRecognisedDevice,
  recogniseDevice,
} from '../middleware/admin-auth'
import {
  adminOriginGuard,
  currentSession,
  endSession,
  requireSession,
  startSession,
} from '../middleware/admin-session'
import { messagesFor } from '../pages/i18n'
import type { PageHead } from '../pages/layout'
import { type ModerationItem, ModerationPage, moderationStatuses } from '../pages/moderation-page'
import { SignInPage } from '../pages/sign-in-page'
import { paths } from '../paths'

const pageSize = 25
const noStore = { 'cache-control': cacheControl.none }

/** The moderation page at /admin: sign in with the admin token, then list and moderate. */
export const moderation = new Hono<AppEnv>()

// A weak ADMIN_TOKEN closes the page as it closes the API.
moderation.use(paths.moderation, adminOpen)
moderation.use(`${paths.moderation}/*`, adminOpen)

moderation.onError((error, c) => {
  if (error instanceof HTTPException) throw error
  console.error(
    JSON.stringify({ event: 'moderation_store_failed', path: c.req.path, error: String(error) }),
  )
  return problemResponse(storeUnavailable('The comment store cannot be reached right now.'))
})

/** The page speaks the site's language, as every other page of the site does. */
const t = messagesFor(site.language).moderation

function head(c: Context<AppEnv>, title: string): PageHead {
  return {
    language: site.language,
    title: `${title} · ${site.title}`,
    description: t.description,
    canonical: config(c).siteUrl + paths.moderation,
    feeds: [],
    ogType: 'website',
    siteTitle: site.title,
  }
}

async function html(
  c: Context<AppEnv>,
  page: { toString(): string | Promise<string> },
  status: 200 | 401 | 429 = 200,
  headers: Record<string, string> = {},
): Promise<Response> {
  return c.html(`<!doctype html>${await page.toString()}`, status, { ...noStore, ...headers })
}

function signInPage(c: Context<AppEnv>, message?: { kind: 'error' | 'notice'; text: string }) {
  return SignInPage({ head: head(c, t.signInTitle), ...(message ? { message } : {}) })
}

function statusOf(value: string | undefined): CommentStatus {
  return moderationStatuses.find((status) => status === value) ?? 'pending'
}

function listHref(status: CommentStatus, article?: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({ status, ...(article ? { article } : {}), ...extra })
  return `${paths.moderation}?${query}`
}

/** The notice a redirect after a POST asks for, rebuilt from known words only. */
function noticeFrom(query: (name: string) => string | undefined): string | undefined {
  const done = moderationActions.find((action) => action === query('done'))
  if (query('done') === 'none') return t.noneSelected
  if (!done) return undefined
  const count = Number(query('count') ?? 0)
  const missing = Number(query('missing') ?? 0)
  const changed = Number(query('changed') ?? 0)
  const gone = missing > 0 ? ` ${t.gone(missing)}` : ''
  const edited = changed > 0 ? ` ${t.changed(changed)}` : ''
  return `${t.done[done](count)}: ${t.comments(count)}${t.fullStop}${gone}${edited}`
}

/** The first line of a comment, short enough to say which comment a reply answers. */
function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? ''
  return line.length > 120 ? `${line.slice(0, 119)}…` : line
}

async function itemsOf(c: Context<AppEnv>, comments: StoredComment[]): Promise<ModerationItem[]> {
  const store = commentStore(c)
  const parents = new Map<string, Promise<StoredComment | null>>()
  return Promise.all(
    comments.map(async (comment) => {
      const item: ModerationItem = {
        comment,
        articleTitle: (await findArticle(comment.article, c.env.ASSETS))?.title ?? comment.article,
      }
      if (!comment.parent) return item
      let parent = parents.get(comment.parent)
      if (!parent) {
        parent = store.get(comment.parent)
        parents.set(comment.parent, parent)
      }
      const found = await parent
      return { ...item, parentLine: found ? firstLine(found.content) : t.deletedComment }
    }),
  )
}

/**
 * The newest page of articles out at `now`: a scheduled article takes no
 * comments before it is out, and its title is not the moderator's to see early.
 */
async function newestArticles(assets: Env['ASSETS'], now: number) {
  const count = visibleCount(siteList.head, now)
  return (await listEntries(siteList, Math.max(0, count - indexPageSize), count, assets)).reverse()
}

moderation.get(paths.moderation, async (c) => {
  const signedIn = await currentSession(c)
  if (!signedIn) {
    const signedOut = c.req.query('signed-out') !== undefined
    return html(c, signInPage(c, signedOut ? { kind: 'notice', text: t.signedOut } : undefined))
  }
  const status = statusOf(c.req.query('status'))
  const now = Date.now()
  const filtered = await findPublicArticle(c.req.query('article') ?? '', c.env.ASSETS, now)
  const article = filtered?.slug
  const cursor = c.req.query('cursor') || undefined
  const page = await commentStore(c).listForModeration(status, article, cursor, pageSize)
  const notice = noticeFrom((name) => c.req.query(name))
  return html(
    c,
    ModerationPage({
      head: head(c, t.title),
      status,
      ...(article ? { article } : {}),
      // The filter offers the newest page of articles (and the one filtered by); any
      // other is one ?article=<slug> away, so the page stays small at any archive size.
      articles: [
        ...(filtered ? [filtered] : []),
        ...(await newestArticles(c.env.ASSETS, now)).filter((a) => a.slug !== filtered?.slug),
      ].map(({ slug, title }) => ({ slug, title })),
      items: await itemsOf(c, page.items),
      ...(page.cursor ? { nextHref: listHref(status, article, { cursor: page.cursor }) } : {}),
      ...(notice ? { notice } : {}),
      csrf: await csrfToken(signedIn.key, signedIn.session),
    }),
  )
})

const smallForm = bodyLimit({
  maxSize: 64 * 1024,
  onError: (c) => c.text('The form is too large.', 413),
})

moderation.post(paths.signIn, adminOriginGuard, smallForm, async (c) => {
  const tooMany = () =>
    html(
      c,
      signInPage(c, {
        kind: 'error',
        text: t.tooManySignIns(adminAuthPeriod),
      }),
      429,
      { 'retry-after': String(adminAuthPeriod) },
    )
  const body = await c.req.parseBody()
  // As on the API: a blocked network's every token is refused, unless this
  // browser signed in before (its device cookie), which is counted on its own.
  if (await authBlocked(c)) return tooMany()
  if (await isAdminToken(c, typeof body.token === 'string' ? body.token : '')) {
    await startSession(c)
    if (!(await isRecognisedDevice(c))) await recogniseDevice(c)
    return c.redirect(paths.moderation, 303)
  }
  if (await countAuthFailure(c)) return tooMany()
  return html(c, signInPage(c, { kind: 'error', text: t.wrongToken }), 401)
})

moderation.post(paths.signOut, adminOriginGuard, smallForm, requireSession, async (c) => {
  await endSession(c)
  return c.redirect(`${paths.moderation}?signed-out`, 303)
})

moderation.post(paths.moderation, adminOriginGuard, smallForm, requireSession, async (c) => {
  const body = await c.req.parseBody({ all: true })
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const status = statusOf(text(body.status))
  const article = (await findArticle(text(body.article) ?? '', c.env.ASSETS))?.slug
  // `act` is `<action>` for the selected comments or `<action>:<id>` for one.
  const [actionName = '', single] = (text(body.act) ?? '').split(':', 2)
  const action = moderationActions.find((known) => known === actionName)
  const selected = single !== undefined ? [single] : [body.id ?? []].flat()
  const ids = selected.filter((id): id is string => typeof id === 'string' && isCommentId(id))
  if (!action || ids.length === 0)
    return c.redirect(listHref(status, article, { done: 'none' }), 303)

  const store = commentStore(c)
  const changes: ViewChange[] = []
  let changed = 0
  let moderated = 0
  for (const id of ids) {
    // The list carries each comment's version as `seen:<id>`; a form without it
    // (a page from before it did) has seen no version, so it approves nothing.
    const seen = text(body[`seen:${id}`]) ?? ''
    const outcome = await moderateComment(store, id, action, seen)
    if (outcome.ok) {
      changes.push(...outcome.changes)
      moderated += 1
    } else if (outcome.reason === 'changed_since_listed') changed += 1
  }
  // One batch: the view updater rewrites each article's keys once for all of them.
  await updateReadersView(c.env, changes)
  const missing = String(ids.length - moderated - changed)
  return c.redirect(
    listHref(status, article, {
      done: action,
      count: String(moderated),
      missing,
      ...(changed > 0 ? { changed: String(changed) } : {}),
    }),
    303,
  )
})
