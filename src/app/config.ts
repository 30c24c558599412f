import { site } from '../content/index'
import type { SiteSettings } from '../content/types'

/** Everything configurable, read in one place from the bindings and site settings. */
export interface Config {
  site: SiteSettings
  /** Canonical origin, no trailing slash. */
  siteUrl: string
  adminToken?: string
  turnstileSecret?: string
  turnstileSiteKey?: string
  clientSalt: string
  /** The moderator's notifications: e-mail sender and recipient, and a webhook (a secret). */
  notifyFrom?: string
  notifyTo?: string
  notifyWebhookUrl?: string
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
    ...(env.NOTIFY_FROM ? { notifyFrom: env.NOTIFY_FROM } : {}),
    ...(env.NOTIFY_TO ? { notifyTo: env.NOTIFY_TO } : {}),
    ...(env.NOTIFY_WEBHOOK_URL ? { notifyWebhookUrl: env.NOTIFY_WEBHOOK_URL } : {}),
  }
}
