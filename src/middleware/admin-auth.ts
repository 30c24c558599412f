import type { Context, MiddlewareHandler } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import { HTTPException } from 'hono/http-exception'
import { timingSafeEqual } from 'hono/utils/buffer'
import { type AppEnv, config } from '../app/context'
import { rateLimits } from '../app/rate-limits'
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

const checkToken: MiddlewareHandler<AppEnv> = bearerAuth({
  realm: 'admin',
  // No token configured: the admin API is closed, whatever the request carries.
  verifyToken: async (candidate, c) => {
    const token = config(c as unknown as Context<AppEnv>).adminToken
    return token !== undefined && (await timingSafeEqual(token, candidate))
  },
  noAuthenticationHeader: { message: unauthorized },
  invalidAuthenticationHeader: { message: unauthorized },
  invalidToken: { message: unauthorized },
})

/**
 * Clients the limiter refused, until when. While blocked, a client gets 429 even
 * with the right token, so guessing on past the limit learns nothing. Per isolate;
 * the limiter itself counts across isolates.
 */
const blockedUntil = new BoundedMap<string, number>(10_000)

function isBlocked(client: string, now: number): boolean {
  const until = blockedUntil.get(client)
  if (until === undefined) return false
  if (until > now) return true
  blockedUntil.delete(client)
  return false
}

function block(client: string, now: number): void {
  blockedUntil.set(client, now + adminAuthPeriod * 1000)
}

function clientOf(c: Context<AppEnv>): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown'
}

/** Whether this client failed too often lately and must wait, whatever it sends now. */
export function authBlocked(c: Context<AppEnv>): boolean {
  return isBlocked(clientOf(c), Date.now())
}

/**
 * Counts one failed authentication against ADMIN_AUTH_LIMITER (the bearer API
 * and the moderation page's sign-in share it); true when the client is now over
 * the limit and blocked.
 */
export async function countAuthFailure(c: Context<AppEnv>): Promise<boolean> {
  const limiter = c.env.ADMIN_AUTH_LIMITER
  if (limiter && !(await limiter.limit({ key: clientOf(c) })).success) {
    block(clientOf(c), Date.now())
    return true
  }
  return false
}

/**
 * `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. Failed
 * attempts (and only those) count against ADMIN_AUTH_LIMITER per client; over
 * the limit the client gets 429 with Retry-After.
 */
export const adminAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (authBlocked(c)) return tooManyFailures()
  try {
    await checkToken(c, next)
    return
  } catch (error) {
    if (!(error instanceof HTTPException)) throw error
  }
  return (await countAuthFailure(c)) ? tooManyFailures() : unauthorized()
}
