import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { type AppEnv, config, originOf, sessionStore } from '../app/context'
import { problem, problemResponse } from '../http/problem'
import type { HmacKey } from '../lib/hmac'
import { sessionGeneration, sessionKey, signSession, verifyCsrf } from '../lib/signed-session'
import { paths } from '../paths'

/** How long a moderator stays signed in. */
export const sessionHours = 4

const cookieName = 'admin_session'

/** A signed-in moderator's session and the CSRF token its forms carry. */
export interface AdminSession {
  session: string
  key: HmacKey
}

/** The signing key of this deployment's ADMIN_TOKEN; none when no token is set (closed). */
async function keyOf<E extends AppEnv>(c: Context<E>): Promise<HmacKey | undefined> {
  const token = config(c).adminToken
  return token === undefined ? undefined : sessionKey(token)
}

/**
 * Starts a session: a signed expiry and the current session generation, in a
 * cookie only /admin sees and scripts cannot read.
 */
export async function startSession<E extends AppEnv>(c: Context<E>): Promise<void> {
  const key = await keyOf(c)
  if (!key) return
  const maxAge = sessionHours * 3600
  const generation = await sessionStore(c).generation()
  setCookie(c, cookieName, await signSession(key, Date.now() + maxAge * 1000, generation), {
    path: paths.moderation,
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Strict',
    maxAge,
  })
}

/**
 * Signs out: moves the session generation on, which ends every session signed
 * so far (a copied cookie included), and deletes the cookie in this browser.
 */
export async function endSession<E extends AppEnv>(c: Context<E>): Promise<void> {
  await sessionStore(c).endAll()
  deleteCookie(c, cookieName, {
    path: paths.moderation,
    secure: new URL(c.req.url).protocol === 'https:',
  })
}

/**
 * The request's session when its cookie is signed with the current token in
 * the current generation and unexpired. Costs a KV read only for a cookie whose
 * signature holds, so a stranger's made-up cookie reads nothing.
 */
export async function currentSession<E extends AppEnv>(
  c: Context<E>,
): Promise<AdminSession | undefined> {
  const key = await keyOf(c)
  const session = getCookie(c, cookieName)
  if (!key || session === undefined) return undefined
  const signed = await sessionGeneration(key, session, Date.now())
  if (signed === undefined) return undefined
  return signed === (await sessionStore(c).generation()) ? { session, key } : undefined
}

const forbidden = (detail: string) => problemResponse(problem(403, detail))

/**
 * Refuses a POST to /admin sent by another site's page: a browser names that
 * page's origin in `Origin` (and, in current browsers, the relation in
 * `Sec-Fetch-Site`). Unlike the comment intake, no other origin is trusted here.
 */
export const adminOriginGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('origin')
  const fetchSite = c.req.header('sec-fetch-site')
  const own = new Set([originOf(c), new URL(config(c).siteUrl).origin])
  if (origin !== undefined && !own.has(origin)) {
    return forbidden('The moderation page takes posts from its own pages only.')
  }
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return forbidden('The moderation page takes posts from its own pages only.')
  }
  return next()
}

/**
 * A POST that acts for the moderator: it needs a live session and that
 * session's CSRF token in the form's `csrf` field.
 */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const signedIn = await currentSession(c)
  if (!signedIn) return c.redirect(paths.moderation, 303)
  // `all`: the moderation form repeats `id`; Hono keeps the first parse for the route.
  const body = await c.req.parseBody({ all: true })
  const csrf = typeof body.csrf === 'string' ? body.csrf : undefined
  if (!(await verifyCsrf(signedIn.key, signedIn.session, csrf))) {
    return forbidden('The form is out of date or did not come from the moderation page.')
  }
  return next()
}
