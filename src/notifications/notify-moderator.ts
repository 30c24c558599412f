import type { Context } from 'hono'
import { type Config, configFrom } from '../app/config'
import type { AppEnv } from '../app/context'
import type { StoredComment } from '../comments/types'
import type { ArticleMeta } from '../content/types'
import { paths } from '../paths'
import type { DeliverySettings } from './deliver'
import { type NotificationChannel, noticesFor } from './notice'

/** The channels this deployment has settings for. */
export function notificationChannels(settings: Config): NotificationChannel[] {
  const channels: NotificationChannel[] = []
  if (settings.notifyFrom && settings.notifyTo) channels.push('email')
  if (settings.notifyWebhookUrl) channels.push('webhook')
  return channels
}

/**
 * Puts a new pending comment on the notifications queue after the answer is
 * sent: the post neither waits for the queue nor fails with it.
 */
export function notifyModerator<E extends AppEnv>(
  c: Context<E>,
  article: ArticleMeta,
  comment: StoredComment,
): void {
  const notices = noticesFor(comment, article.title, notificationChannels(configFrom(c.env)))
  if (notices.length === 0) return
  // Inside an async function, a binding that is missing or throws at once fails the
  // notification only, like a send the queue refuses.
  const sent = (async () => c.env.NOTIFICATIONS.sendBatch(notices.map((body) => ({ body }))))()
  c.executionCtx.waitUntil(
    sent.catch((error) => {
      console.error(
        JSON.stringify({ event: 'notification_not_queued', id: comment.id, error: String(error) }),
      )
    }),
  )
}

/** What the queue consumer needs, from the Worker's environment. */
export function deliverySettings(env: Env): DeliverySettings {
  const settings = configFrom(env)
  return {
    mailer: env.MODERATOR_EMAIL,
    ...(settings.notifyFrom ? { from: settings.notifyFrom } : {}),
    ...(settings.notifyTo ? { to: settings.notifyTo } : {}),
    ...(settings.notifyWebhookUrl ? { webhookUrl: settings.notifyWebhookUrl } : {}),
    moderationUrl: settings.siteUrl + paths.moderation,
    siteTitle: settings.site.title,
  }
}
