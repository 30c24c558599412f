import { raw } from 'hono/html'
import { commentFields, type EditableField } from '../comments/fields'
import { renderCommentMarkdown } from '../comments/markdown'
import type { CommentThread, PublicComment } from '../comments/types'
import type { FeedLink } from '../feeds/formats'
import { oneLineInputs } from './comment-form'
import { formatDate, messagesFor } from './i18n'

/** The reader's own comments they may still change, and the one they are editing. */
export interface OwnComments {
  /** Each such comment's id with the end of its edit window (ISO 8601). */
  deadlines: Record<string, string>
  /** The comment being edited: what the reader typed, and why it was refused if it was. */
  editing?: {
    id: string
    values: Partial<Record<EditableField, string>>
    errors: Partial<Record<EditableField, string>>
    summary?: string
  }
}

/** Where each per-comment link and form of the list points. */
export interface CommentLinks {
  reply: (id: string) => string
  edit: (id: string) => string
  editAction: (id: string) => string
  deleteAction: (id: string) => string
  /** The RSS feed of a comment's replies (the others are linked from it). */
  replies: (comment: PublicComment) => FeedLink
}

interface ListProps {
  language: string
  links: CommentLinks
  /** The reader's own comments still held for moderation: shown with a notice, not repliable. */
  heldIds: string[]
  own?: OwnComments
}

/** The edit form: every field PATCH may change, filled with what the comment holds. */
function EditForm(props: {
  language: string
  action: string
  cancel: string
  editing: NonNullable<OwnComments['editing']>
}) {
  const t = messagesFor(props.language)
  const { values, errors } = props.editing
  const described = (name: EditableField, hint?: string) =>
    errors[name] ? `edit-${name}-error` : hint
  return (
    <form method="post" action={props.action} class="edit-form" novalidate>
      {props.editing.summary ? (
        <p class="error" role="alert">
          {props.editing.summary}
        </p>
      ) : null}
      <label for="edit-content">{t.editTitle}</label>
      <textarea
        id="edit-content"
        name="content"
        rows={6}
        required
        autofocus
        aria-invalid={errors.content ? 'true' : undefined}
        aria-describedby={described('content', 'edit-hint')}
      >
        {values.content ?? ''}
      </textarea>
      {errors.content ? (
        <span id="edit-content-error" class="error">
          {errors.content}
        </span>
      ) : (
        <span id="edit-hint" class="meta">
          {t.markdownHint}
        </span>
      )}
      {oneLineInputs.map((input) => (
        <p>
          <label for={`edit-${input.name}`}>{t[input.label]}</label>
          <input
            id={`edit-${input.name}`}
            name={input.name}
            type={input.type}
            autocomplete={input.autocomplete}
            maxlength={commentFields[input.name].max}
            required={commentFields[input.name].required}
            value={values[input.name] ?? ''}
            aria-invalid={errors[input.name] ? 'true' : undefined}
            aria-describedby={described(input.name)}
          />
          {errors[input.name] ? (
            <span id={`edit-${input.name}-error`} class="error">
              {errors[input.name]}
            </span>
          ) : null}
        </p>
      ))}
      <p>
        <button type="submit">{t.save}</button> <a href={props.cancel}>{t.cancelEdit}</a>
      </p>
    </form>
  )
}

function CommentItem(props: ListProps & { thread: CommentThread }) {
  const t = messagesFor(props.language)
  const { comment, replies } = props.thread
  const { links } = props
  const deadline = props.own?.deadlines[comment.id]
  const editing = props.own?.editing?.id === comment.id ? props.own.editing : undefined
  const held = props.heldIds.includes(comment.id)
  const repliesFeed = links.replies(comment)
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
          {comment.edited ? (
            <>
              {' · '}
              <span class="edited">
                <time datetime={comment.edited}>{t.edited}</time>
              </span>
            </>
          ) : null}
        </p>
        {editing ? (
          <EditForm
            language={props.language}
            action={links.editAction(comment.id)}
            cancel={`#comment-${comment.id}`}
            editing={editing}
          />
        ) : (
          <div class="text" dir="auto">
            {raw(renderCommentMarkdown(comment.content))}
          </div>
        )}
        {held ? (
          <p class="notice" role="status">
            {t.held}
          </p>
        ) : (
          <p class="meta">
            <a href={links.reply(comment.id)}>{t.reply}</a>
            {replies.length > 0 ? (
              <>
                {' · '}
                <a href={repliesFeed.href} type={repliesFeed.type} title={repliesFeed.title}>
                  {t.followReplies}
                </a>
              </>
            ) : null}
          </p>
        )}
        {deadline && !editing ? (
          <form method="post" action={links.deleteAction(comment.id)} class="own meta">
            {t.editUntil} <time datetime={deadline}>{deadline.slice(11, 16)} UTC</time>
            {': '}
            <a href={links.edit(comment.id)}>{t.edit}</a> <button type="submit">{t.delete}</button>
          </form>
        ) : null}
      </article>
      {replies.length > 0 ? (
        <ol>
          {replies.map((reply) => (
            <CommentItem
              language={props.language}
              links={links}
              heldIds={props.heldIds}
              {...(props.own ? { own: props.own } : {})}
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
          links={props.links}
          heldIds={props.heldIds}
          {...(props.own ? { own: props.own } : {})}
          thread={thread}
        />
      ))}
    </ol>
  )
}
