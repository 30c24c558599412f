import { defaultStepComments } from '../comments/nightly-backup'
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
  /** Pending comments an article may hold before new ones are refused. */
  maxPendingPerArticle: number
  /** Comments one step of the nightly backup reads. */
  backupStepComments: number
  /**
   * The secret behind comment edit proofs: EDIT_SECRET, else one derived from
   * ADMIN_TOKEN and CLIENT_SALT (secret per deployment, but changing either
   * voids open proofs). Undefined when none is set: nobody can then edit.
   */
  editSecret?: string
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
    maxPendingPerArticle: Number(env.MAX_PENDING_PER_ARTICLE) || 500,
    backupStepComments: Number(env.BACKUP_STEP_COMMENTS) || defaultStepComments,
    ...editSecretFrom(env),
    ...(env.NOTIFY_FROM ? { notifyFrom: env.NOTIFY_FROM } : {}),
    ...(env.NOTIFY_TO ? { notifyTo: env.NOTIFY_TO } : {}),
    ...(env.NOTIFY_WEBHOOK_URL ? { notifyWebhookUrl: env.NOTIFY_WEBHOOK_URL } : {}),
  }
}

function editSecretFrom(env: Env): { editSecret?: string } {
  if (env.EDIT_SECRET) return { editSecret: env.EDIT_SECRET }
  if (!env.ADMIN_TOKEN && !env.CLIENT_SALT) return {}
  // Labelled, so the derived key is never the same string as either secret it comes from.
  return { editSecret: `comment-edit\u0000${env.ADMIN_TOKEN ?? ''}\u0000${env.CLIENT_SALT ?? ''}` }
}
