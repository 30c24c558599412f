/**
 * The Cron Triggers wrangler.toml declares (`[triggers] crons`). One Worker has
 * one scheduled() handler for all of them, which tells them apart by
 * `controller.cron`, so the strings must be exactly these; a unit test holds
 * this table against wrangler.toml.
 */
export const cronTriggers = {
  /** 03:17 UTC: every comment to the BACKUPS bucket (comments/nightly-backup.ts). */
  nightlyBackup: '17 3 * * *',
  /** Every minute: the WebSub announcer (scheduled articles coming out, failed pings). */
  websubAnnouncer: '* * * * *',
} as const
