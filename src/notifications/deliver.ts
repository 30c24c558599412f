import { EmailMessage } from 'cloudflare:email'
import { plainTextMail } from './mime'
import { type CommentNotice, noticeText, webhookText } from './notice'

/** Where notices go; a channel without its settings was never enqueued. */
export interface DeliverySettings {
  mailer: SendEmail
  /** Sender (an address on an Email Routing domain) and the moderator's verified address. */
  from?: string
  to?: string
  webhookUrl?: string
  /** The moderation page's absolute URL, linked from every notice. */
  moderationUrl: string
  siteTitle: string
}

/** A webhook that does not answer within this many milliseconds has failed. */
const webhookTimeout = 10_000

async function sendMail(notice: CommentNotice, settings: DeliverySettings): Promise<void> {
  const { from, to } = settings
  if (!from || !to) throw new Error('NOTIFY_FROM and NOTIFY_TO must both be set')
  const { subject, text } = noticeText(notice, settings.moderationUrl)
  const raw = plainTextMail({
    from: { name: settings.siteTitle, address: from },
    to,
    subject,
    text,
    date: new Date(),
    // An edit's mail needs an id of its own: mailboxes drop a repeated Message-ID as a duplicate.
    messageId: `comment-${notice.id}${notice.edits ? `.${notice.edits}` : ''}@${from.slice(from.lastIndexOf('@') + 1)}`,
  })
  await settings.mailer.send(new EmailMessage(from, to, raw))
}

/**
 * Posts `{"text": …}`, the shape Slack, Discord (…/slack) and Matrix hooks accept,
 * in Slack's mrkdwn with the commenter's text escaped (webhookText).
 */
async function callWebhook(notice: CommentNotice, settings: DeliverySettings): Promise<void> {
  if (!settings.webhookUrl) throw new Error('NOTIFY_WEBHOOK_URL is not set')
  const text = webhookText(notice, settings.moderationUrl)
  const response = await fetch(settings.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
    signal: AbortSignal.timeout(webhookTimeout),
  })
  if (!response.ok) throw new Error(`webhook answered ${response.status}`)
}

/**
 * The queue consumer: each notice is sent on its channel and acknowledged, or
 * logged and retried; after the last retry the queue moves it to the dead-letter
 * queue. The URL of the webhook is never logged (it is a secret).
 */
export async function deliverNotifications(
  batch: MessageBatch<CommentNotice>,
  settings: DeliverySettings,
): Promise<void> {
  for (const message of batch.messages) {
    const notice = message.body
    try {
      await (notice.channel === 'email' ? sendMail : callWebhook)(notice, settings)
      message.ack()
    } catch (error) {
      console.error(
        JSON.stringify({
          event: 'notification_failed',
          channel: notice.channel,
          id: notice.id,
          attempt: message.attempts,
          error: String(error),
        }),
      )
      message.retry()
    }
  }
}
