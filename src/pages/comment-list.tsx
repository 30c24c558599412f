import { raw } from 'hono/html'
import { renderCommentMarkdown } from '../comments/markdown'
import type { CommentThread } from '../comments/types'
import { formatDate, messagesFor } from './i18n'

interface ListProps {
  language: string
  replyHref: (id: string) => string
  /** The reader's own comment, still held for moderation: shown with a notice, not repliable. */
  heldId?: string
}

function CommentItem(props: ListProps & { thread: CommentThread }) {
  const t = messagesFor(props.language)
  const { comment, replies } = props.thread
  return (
    <li id={`comment-${comment.id}`} class="comment">
      <article aria-labelledby={`comment-${comment.id}-author`}>
        <p class="meta">
          <strong id={`comment-${comment.id}-author`}>
            {comment.url ? (
              <a href={comment.url} rel="nofollow ugc noopener">
                {comment.author}
              </a>
            ) : (
              comment.author
            )}
          </strong>{' '}
          <a href={`#comment-${comment.id}`}>
            <time datetime={comment.created}>{formatDate(comment.created, props.language)}</time>
          </a>
        </p>
        <div class="text" dir="auto">
          {raw(renderCommentMarkdown(comment.content))}
        </div>
        {comment.id === props.heldId ? (
          <p class="notice" role="status">
            {t.held}
          </p>
        ) : (
          <p class="meta">
            <a href={props.replyHref(comment.id)}>{t.reply}</a>
          </p>
        )}
      </article>
      {replies.length > 0 ? (
        <ol>
          {replies.map((reply) => (
            <CommentItem
              language={props.language}
              replyHref={props.replyHref}
              {...(props.heldId ? { heldId: props.heldId } : {})}
              thread={reply}
            />
          ))}
        </ol>
      ) : null}
    </li>
  )
}

/** Approved comments, threaded by parent, oldest first; text is Markdown rendered by an allow-list. */
export function CommentList(props: ListProps & { threads: CommentThread[] }) {
  if (props.threads.length === 0) return <p>{messagesFor(props.language).noComments}</p>
  return (
    <ol>
      {props.threads.map((thread) => (
        <CommentItem
          language={props.language}
          replyHref={props.replyHref}
          {...(props.heldId ? { heldId: props.heldId } : {})}
          thread={thread}
        />
      ))}
    </ol>
  )
}
