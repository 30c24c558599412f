// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; they are declared here.
declare namespace Cloudflare {
  interface Env {
    /** Bearer token for /admin; the admin routes are closed when it is unset or too weak. */
    ADMIN_TOKEN?: string
    /** Cloudflare Turnstile secret; comments are checked with Turnstile when it is set. */
    TURNSTILE_SECRET?: string
    /** Salt for hashing client addresses; set it as a secret in production. */
    CLIENT_SALT?: string
    /** Pending comments one article may hold (default 500). */
    MAX_PENDING_PER_ARTICLE?: string
    /** Key of the proofs that let authors edit their comments; editing is off when unset or too weak. */
    EDIT_SECRET?: string
    /** Comments one step of the nightly backup reads (default 10,000; see nightly-backup.ts). */
    BACKUP_STEP_COMMENTS?: string
    /** Webhook told of every new pending comment (Slack, Discord, Matrix…): JSON `{ text }`. */
    NOTIFY_WEBHOOK_URL?: string
  }
}
