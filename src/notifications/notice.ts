import type { StoredComment } from '../comments/types'
import { mrkdwn, oneLine, quoted, visibleText } from './inert-text'

/** How the moderator is told: each channel is its own queue message, retried on its own. */
export type NotificationChannel = 'email' | 'webhook'

/**
 * One queue message: what the moderator needs to hear of a new comment on one
 * channel. It carries no e-mail address, client hash or token.
 */
export interface CommentNotice {
  channel: NotificationChannel
  id: string
  article: string
  articleTitle: string
  author: string
  content: string
  created: string
  /** The comment's count of author edits, once edited: each edit is a notice of its own. */
  edits?: string
}

/** The messages a new pending comment becomes, one per configured channel. */
export function noticesFor(
  comment: StoredComment,
  articleTitle: string,
  channels: readonly NotificationChannel[],
): CommentNotice[] {
  return channels.map((channel) => ({
    channel,
    id: comment.id,
    article: comment.article,
    articleTitle,
    author: comment.author,
    content: comment.content,
    created: comment.created,
    ...(comment.edits ? { edits: comment.edits } : {}),
  }))
}

/** The moderation page narrowed to the comment's article and its pending comments. */
export function moderationLink(moderationUrl: string, notice: CommentNotice): string {
  const query = new URLSearchParams({ status: 'pending', article: notice.article })
  return `${moderationUrl}?${query}`
}

/** Subject and text of the e-mail: who wrote what on which article, and where to moderate it. */
export function noticeText(
  notice: CommentNotice,
  moderationUrl: string,
): { subject: string; text: string } {
  const author = oneLine(notice.author)
  const title = oneLine(notice.articleTitle)
  return {
    subject: `New comment from ${author} on “${title}”`,
    text: [
      `${author} wrote on “${title}” (${notice.created}):`,
      '',
      quoted(visibleText(notice.content)),
      '',
      `It waits for moderation: ${moderationLink(moderationUrl, notice)}`,
    ].join('\n'),
  }
}

/**
 * The webhook's mrkdwn: the same lines as the e-mail with everything the commenter
 * wrote escaped, and the moderation link on the last line, built from the site's
 * address and the article alone.
 */
export function webhookText(notice: CommentNotice, moderationUrl: string): string {
  const author = mrkdwn(oneLine(notice.author))
  const title = mrkdwn(oneLine(notice.articleTitle))
  return [
    `${author} wrote on “${title}” (${notice.created}):`,
    quoted(mrkdwn(visibleText(notice.content))),
    `It waits for moderation: ${mrkdwn(moderationLink(moderationUrl, notice))}`,
  ].join('\n')
}
