import type { CommentThread } from '../../comments/types'
import { formatDate, messagesFor } from '../i18n'

function CommentItem(props: {
  thread: CommentThread
  language: string
  replyHref: (id: string) => string
}) {
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
        <p class="text" dir="auto">
          {comment.content}
        </p>
        <p class="meta">
          <a href={props.replyHref(comment.id)}>{t.reply}</a>
        </p>
      </article>
      {replies.length > 0 ? (
        <ol>
          {replies.map((reply) => (
            <CommentItem thread={reply} language={props.language} replyHref={props.replyHref} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}

/** Approved comments, threaded by parent, oldest first; text is always escaped by JSX. */
export function CommentList(props: {
  threads: CommentThread[]
  language: string
  replyHref: (id: string) => string
}) {
  if (props.threads.length === 0) return <p>{messagesFor(props.language).noComments}</p>
  return (
    <ol>
      {props.threads.map((thread) => (
        <CommentItem thread={thread} language={props.language} replyHref={props.replyHref} />
      ))}
    </ol>
  )
}
