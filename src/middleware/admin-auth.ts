import type { Context, MiddlewareHandler } from 'hono'
import { timingSafeEqual } from 'hono/utils/buffer'
import { type AppEnv, config } from '../app/context'
import { rateLimits } from '../app/rate-limits'
import { adminTokenBits } from '../app/secret-minimums'
import { requestClientNetwork } from '../http/client-network'
import { problem, problemResponse } from '../http/problem'
import { BoundedMap } from '../lib/bounded-map'

/** Seconds a client waits after too many failed logins. */
export const adminAuthPeriod = rateLimits.ADMIN_AUTH_LIMITER.period

const unauthorized = () =>
  problemResponse(problem(401, 'A valid bearer token is required.'), {
    'www-authenticate': 'Bearer realm="admin"',
  })

const tooManyFailures = () =>
  problemResponse(
    problem(429, 'Too many failed authentications from this client; wait and try again.', {
      retryAfter: adminAuthPeriod,
    }),
  )

/**
 * The admin API and page stay closed while ADMIN_TOKEN is set but too weak:
 * 503, saying why, to every request (the operator's log has the details).
 */
export const adminOpen: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (config(c).adminTokenWeakness === undefined) return next()
  return problemResponse(
    problem(
      503,
      `The admin API and page are closed: this site's ADMIN_TOKEN is weaker than the ${adminTokenBits} bits required. The operator must set a stronger one.`,
    ),
  )
}

// RFC 6750's token68 after "Bearer", as hono/bearer-auth reads it.
const bearer = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i

/** Whether `candidate` is the admin token (compared in constant time); false when none is set. */
export async function isAdminToken(c: Context<AppEnv>, candidate: string): Promise<boolean> {
  const token = config(c).adminToken
  return token !== undefined && candidate !== '' && (await timingSafeEqual(token, candidate))
}

/**
 * Networks the limiter refused, until when: their wrong tokens get 429 without
 * another call to the limiter. Per isolate; the limiter counts across isolates.
 */
const blockedUntil = new BoundedMap<string, number>(10_000)

function isBlocked(client: string, now: number): boolean {
  const until = blockedUntil.get(client)
  if (until === undefined) return false
  if (until > now) return true
  blockedUntil.delete(client)
  return false
}

/** Whether this client network failed too often lately: its wrong tokens get 429. */
export function authBlocked(c: Context<AppEnv>): boolean {
  return isBlocked(requestClientNetwork(c.req.raw), Date.now())
}

/**
 * Counts one failed authentication against ADMIN_AUTH_LIMITER (the bearer API
 * and the moderation page's sign-in share it), per client network; true when
 * the network is now over the limit and blocked.
 */
export async function countAuthFailure(c: Context<AppEnv>): Promise<boolean> {
  const client = requestClientNetwork(c.req.raw)
  const limiter = c.env.ADMIN_AUTH_LIMITER
  if (limiter && !(await limiter.limit({ key: client })).success) {
    blockedUntil.set(client, Date.now() + adminAuthPeriod * 1000)
    return true
  }
  return false
}

/**
 * `Authorization: Bearer <ADMIN_TOKEN>`. The right token is always let in, so
 * guessers sharing the moderator's address (an office, carrier NAT, a VPN)
 * cannot lock the moderator out. Only wrong tokens count against
 * ADMIN_AUTH_LIMITER, per client network (IPv6 by /64); past the limit they get
 * 429 with Retry-After. A request without credentials (and so a CORS preflight,
 * which never carries them) is not an attempt: 401, uncounted. Every method
 * passes through here, so a stranger's OPTIONS or unknown method learns of no
 * route (no 405 with Allow, which only an authenticated client sees).
 */
export const adminAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (config(c).adminTokenWeakness !== undefined) return adminOpen(c, next)
  const header = c.req.header('authorization')
  if (header === undefined) return unauthorized()
  if (await isAdminToken(c, bearer.exec(header)?.[1] ?? '')) return next()
  if (authBlocked(c) || (await countAuthFailure(c))) return tooManyFailures()
  return unauthorized()
}
