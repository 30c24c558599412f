import { defaultStepComments } from '../comments/backups/backup-step-size'
import { site } from '../content/index'
import type { SiteSettings } from '../content/types'
import { secretWeakness } from '../lib/secret-strength'
import { adminTokenBits, editSecretBits } from './secret-minimums'

/** Everything configurable, read in one place from the bindings and site settings. */
export interface Config {
  site: SiteSettings
  /** Canonical origin, no trailing slash. */
  siteUrl: string
  /** ADMIN_TOKEN, only when it has the minimum strength (adminTokenBits). */
  adminToken?: string
  /** Why the admin API and page are closed although ADMIN_TOKEN is set: it is too weak. */
  adminTokenWeakness?: string
  turnstileSecret?: string
  turnstileSiteKey?: string
  clientSalt: string
  /** Pending comments an article may hold before new ones are refused. */
  maxPendingPerArticle: number
  /** Comments one step of the nightly backup reads. */
  backupStepComments: number
  /**
   * The secret behind comment edit proofs: EDIT_SECRET, only when it has the
   * minimum strength (editSecretBits). Never derived from another secret: every
   * commenter holds an HMAC under it of data they know, so a guessable key would
   * be tested offline. Undefined: no proofs are issued and nobody can edit.
   */
  editSecret?: string
  /** The moderator's notifications: e-mail sender and recipient, and a webhook (a secret). */
  notifyFrom?: string
  notifyTo?: string
  notifyWebhookUrl?: string
}

/** The secrets' verdicts, judged once per pair of values (that is, once per isolate). */
interface SecretVerdicts {
  admin: string
  edit: string
  adminWeakness?: string
  editWeakness?: string
}
let verdicts: SecretVerdicts | undefined

function judgeSecrets(env: Env): SecretVerdicts {
  const admin = env.ADMIN_TOKEN ?? ''
  const edit = env.EDIT_SECRET ?? ''
  if (verdicts?.admin === admin && verdicts.edit === edit) return verdicts
  const adminWeakness = admin ? secretWeakness(admin, adminTokenBits) : undefined
  const editWeakness = edit ? secretWeakness(edit, editSecretBits) : undefined
  verdicts = {
    admin,
    edit,
    ...(adminWeakness ? { adminWeakness } : {}),
    ...(editWeakness ? { editWeakness } : {}),
  }
  // Said once per isolate (the Worker has no start of its own): loud, and in the log.
  for (const warning of secretWarnings(env, adminWeakness, editWeakness)) console.warn(warning)
  return verdicts
}

function secretWarnings(env: Env, adminWeakness?: string, editWeakness?: string): string[] {
  const warnings: string[] = []
  if (adminWeakness) {
    warnings.push(
      `ADMIN_TOKEN is too weak (${adminWeakness}); the admin API and /admin stay closed until a token of at least ${adminTokenBits} bits is set, e.g. from: openssl rand -base64 32`,
    )
  }
  if (!env.EDIT_SECRET) {
    warnings.push(
      'EDIT_SECRET is not set: comments get no edit proof and their authors cannot edit or delete them. Set one of at least 256 bits, e.g. from: openssl rand -base64 32',
    )
  } else if (editWeakness) {
    warnings.push(
      `EDIT_SECRET is too weak (${editWeakness}); comments get no edit proof until a secret of at least ${editSecretBits} bits is set, e.g. from: openssl rand -base64 32`,
    )
  }
  return warnings.map((text) => JSON.stringify({ event: 'weak_secret', warning: text }))
}

/** Reads the configuration from the Worker's environment. */
export function configFrom(env: Env): Config {
  const siteUrl = (env.SITE_URL || 'http://localhost:8787').replace(/\/+$/, '')
  const secrets = judgeSecrets(env)
  return {
    site,
    siteUrl,
    ...(secrets.admin && !secrets.adminWeakness ? { adminToken: secrets.admin } : {}),
    ...(secrets.adminWeakness ? { adminTokenWeakness: secrets.adminWeakness } : {}),
    ...(env.TURNSTILE_SECRET ? { turnstileSecret: env.TURNSTILE_SECRET } : {}),
    ...(env.TURNSTILE_SITE_KEY ? { turnstileSiteKey: env.TURNSTILE_SITE_KEY } : {}),
    // Without a secret salt the hash still hides the address from casual readers of KV.
    clientSalt: env.CLIENT_SALT || site.idAuthority,
    maxPendingPerArticle: Number(env.MAX_PENDING_PER_ARTICLE) || 500,
    backupStepComments: Number(env.BACKUP_STEP_COMMENTS) || defaultStepComments,
    ...(secrets.edit && !secrets.editWeakness ? { editSecret: secrets.edit } : {}),
    ...(env.NOTIFY_FROM ? { notifyFrom: env.NOTIFY_FROM } : {}),
    ...(env.NOTIFY_TO ? { notifyTo: env.NOTIFY_TO } : {}),
    ...(env.NOTIFY_WEBHOOK_URL ? { notifyWebhookUrl: env.NOTIFY_WEBHOOK_URL } : {}),
  }
}
