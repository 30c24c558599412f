import { site } from '../content/index'
import type { SiteSettings } from '../content/types'

// Without a configured secret, proofs are signed with a key that lives as long as the
// isolate: they still cannot be forged, but another isolate will not accept them.
// Made on first use: Workers give no random values at global scope.
let perIsolateSecret: string | undefined
function isolateSecret(): string {
  perIsolateSecret ??= Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')
  return perIsolateSecret
}

/** Everything configurable, read in one place from the bindings and site settings. */
export interface Config {
  site: SiteSettings
  /** Canonical origin, no trailing slash. */
  siteUrl: string
  adminToken?: string
  turnstileSecret?: string
  turnstileSiteKey?: string
  clientSalt: string
  /** Pending comments an article may hold before new ones are refused. */
  maxPendingPerArticle: number
  /** Key material for the proofs the Worker signs (a held comment's view). */
  signingSecret: string
}

/** Reads the configuration from the Worker's environment. */
export function configFrom(env: Env): Config {
  const siteUrl = (env.SITE_URL || 'http://localhost:8787').replace(/\/+$/, '')
  return {
    site,
    siteUrl,
    ...(env.ADMIN_TOKEN ? { adminToken: env.ADMIN_TOKEN } : {}),
    ...(env.TURNSTILE_SECRET ? { turnstileSecret: env.TURNSTILE_SECRET } : {}),
    ...(env.TURNSTILE_SITE_KEY ? { turnstileSiteKey: env.TURNSTILE_SITE_KEY } : {}),
    // Without a secret salt the hash still hides the address from casual readers of KV.
    clientSalt: env.CLIENT_SALT || site.idAuthority,
    maxPendingPerArticle: Number(env.MAX_PENDING_PER_ARTICLE) || 500,
    signingSecret: env.SIGNING_SECRET || env.ADMIN_TOKEN || isolateSecret(),
  }
}
