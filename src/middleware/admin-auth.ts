import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { type AppEnv, config } from '../app/context'
import { rateLimits } from '../app/rate-limits'
import { adminTokenBits } from '../app/secret-minimums'
import { requestClientNetwork } from '../http/client-network'
import { problem, problemResponse } from '../http/problem'
import { BoundedMap } from '../lib/bounded-map'
import { type HmacKey, isSameSecret } from '../lib/hmac'
import { deviceKey, signDevice, verifyDevice } from '../lib/signed-session'
import { paths } from '../paths'

/** Seconds a client waits after too many failed logins. */
export const adminAuthPeriod = rateLimits.ADMIN_AUTH_LIMITER.period

const unauthorized = () =>
  problemResponse(problem(401, 'A valid bearer token is required.'), {
    'www-authenticate': 'Bearer realm="admin"',
  })

const tooManyFailures = () =>
  problemResponse(
    problem(
      429,
      'Too many failed authentications from this client; every token is refused until the wait is over.',
      {
        retryAfter: adminAuthPeriod,
      },
    ),
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
  return token !== undefined && candidate !== '' && (await isSameSecret(token, candidate))
}

/** The device token's header (API clients) and cookie (the moderation page's browser). */
export const deviceHeader = 'admin-device'
const deviceCookie = 'admin_device'
/** A device cookie lasts as long as browsers keep any cookie (400 days). */
const deviceCookieSeconds = 400 * 24 * 3600

function deviceKeyOf(c: Context<AppEnv>): Promise<HmacKey> | undefined {
  const token = config(c).adminToken
  return token === undefined ? undefined : deviceKey(token)
}

/** The name of the device this request comes from, when it carries a valid device token. */
async function recognisedDevice(c: Context<AppEnv>): Promise<string | undefined> {
  const key = deviceKeyOf(c)
  const token = c.req.header(deviceHeader) ?? getCookie(c, deviceCookie)
  return key && token ? verifyDevice(await key, token) : undefined
}

/**
 * Who the limiter counts: a recognised device on its own (so strangers on its
 * network cannot lock it out), anyone else by client network.
 */
async function limiterKey(c: Context<AppEnv>): Promise<{ key: string; device: boolean }> {
  const device = await recognisedDevice(c)
  return device
    ? { key: `device:${device}`, device: true }
    : { key: requestClientNetwork(c.req.raw), device: false }
}

/**
 * After a successful sign-in from a device not yet recognised: a device token,
 * as a header for API clients to keep and as a long-lived cookie on /admin.
 */
export async function recogniseDevice(c: Context<AppEnv>): Promise<void> {
  const key = deviceKeyOf(c)
  if (!key) return
  const token = await signDevice(await key)
  c.header(deviceHeader, token)
  setCookie(c, deviceCookie, token, {
    path: paths.moderation,
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Strict',
    maxAge: deviceCookieSeconds,
  })
}

/**
 * Clients the limiter refused, until when: every token they send, the right one
 * too, gets 429 without being compared. Per isolate; the limiter counts across
 * isolates, and each isolate learns of a block at the first wrong token it sees.
 */
const blockedUntil = new BoundedMap<string, number>(10_000)

function isBlocked(client: string, now: number): boolean {
  const until = blockedUntil.get(client)
  if (until === undefined) return false
  if (until > now) return true
  blockedUntil.delete(client)
  return false
}

/**
 * Whether this client (its device, else its network) failed too often lately:
 * then every token it sends is refused with 429 until the window ends.
 */
export async function authBlocked(c: Context<AppEnv>): Promise<boolean> {
  return isBlocked((await limiterKey(c)).key, Date.now())
}

/**
 * Counts one failed authentication against ADMIN_AUTH_LIMITER (the bearer API
 * and the moderation page's sign-in share it), per device or client network;
 * true when the client is now over the limit and blocked.
 */
export async function countAuthFailure(c: Context<AppEnv>): Promise<boolean> {
  const client = (await limiterKey(c)).key
  const limiter = c.env.ADMIN_AUTH_LIMITER
  if (limiter && !(await limiter.limit({ key: client })).success) {
    blockedUntil.set(client, Date.now() + adminAuthPeriod * 1000)
    return true
  }
  return false
}

/**
 * `Authorization: Bearer <ADMIN_TOKEN>`. Wrong tokens count against
 * ADMIN_AUTH_LIMITER, per client network (IPv6 by /64); past the limit every
 * token from that network, the right one too, gets 429 with Retry-After for the
 * window, so a 429 says nothing about a guess. A client that authenticated
 * before sends its device token (`Admin-Device`, handed out on its first
 * success) and is counted on its own, so guessers sharing the moderator's
 * address (an office, carrier NAT, a VPN) cannot lock the moderator out. A request without credentials (and so a CORS preflight,
 * which never carries them) is not an attempt: 401, uncounted. Every method
 * passes through here, so a stranger's OPTIONS or unknown method learns of no
 * route (no 405 with Allow, which only an authenticated client sees).
 */
export const adminAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (config(c).adminTokenWeakness !== undefined) return adminOpen(c, next)
  const header = c.req.header('authorization')
  if (header === undefined) return unauthorized()
  if (await authBlocked(c)) return tooManyFailures()
  if (await isAdminToken(c, bearer.exec(header)?.[1] ?? '')) {
    if (!(await recognisedDevice(c))) await recogniseDevice(c)
    return next()
  }
  if (await countAuthFailure(c)) return tooManyFailures()
  return unauthorized()
}

/** Whether this request carries a valid device token. */
export async function isRecognisedDevice(c: Context<AppEnv>): Promise<boolean> {
  return (await recognisedDevice(c)) !== undefined
}
