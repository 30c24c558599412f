import { raw } from 'hono/html'
import { type CommentField, commentFields } from '../comments/fields'
import { messagesFor } from './i18n'

/** What the form shows: the reader's typed values and the messages beside each field. */
export interface CommentFormState {
  values: Partial<Record<CommentField, string>>
  errors: Partial<Record<string, string>>
  /** A message for the whole form (e.g. duplicate, rate limit), shown above the fields. */
  summary?: string
}

export const emptyForm: CommentFormState = { values: {}, errors: {} }

/** The fields in page order: a refused post puts the focus on the first one in error. */
const fieldOrder = ['content', 'author', 'email', 'url'] as const

/**
 * Where a refused post's page puts the focus (HTML autofocus, no script): the
 * first field in error, else the message above the form; so a reader on a phone
 * lands at the problem, and a screen reader announces it.
 */
function focusTarget(state: CommentFormState): (typeof fieldOrder)[number] | 'summary' | undefined {
  return fieldOrder.find((field) => state.errors[field]) ?? (state.summary ? 'summary' : undefined)
}

/**
 * The one-line inputs below the text, in page order, of the comment form and
 * the edit form alike; limits come from the field list.
 */
export const oneLineInputs = [
  { name: 'author', type: 'text', autocomplete: 'name', label: 'name' },
  { name: 'email', type: 'email', autocomplete: 'email', label: 'email' },
  { name: 'url', type: 'url', autocomplete: 'url', label: 'website' },
] as const

function Field(props: {
  name: 'author' | 'email' | 'url'
  label: string
  type: 'text' | 'email' | 'url'
  autocomplete: string
  state: CommentFormState
  autofocus: boolean
}) {
  const error = props.state.errors[props.name]
  const id = `comment-${props.name}`
  return (
    <p>
      <label for={id}>
        {props.label}
        {commentFields[props.name].required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type}
        autocomplete={props.autocomplete}
        maxlength={commentFields[props.name].max}
        required={commentFields[props.name].required}
        value={props.state.values[props.name] ?? ''}
        autofocus={props.autofocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <span id={`${id}-error`} class="error">
          {error}
        </span>
      ) : null}
    </p>
  )
}

/** The comment form; a plain POST that needs no JavaScript. */
export function CommentForm(props: {
  language: string
  action: string
  /** Where the Preview button posts the same fields (formaction). */
  previewAction: string
  state: CommentFormState
  /** The text rendered as it will look, shown above the form after Preview. */
  preview?: string
  replyingTo?: { id: string; author: string }
  turnstileSiteKey?: string
}) {
  const t = messagesFor(props.language)
  const { state } = props
  const contentError = state.errors.content
  const parent = props.replyingTo?.id ?? state.values.parent ?? ''
  const focus = focusTarget(state)
  return (
    <form id="comment-form" method="post" action={props.action} novalidate>
      <h3 id="reply-title">
        {props.replyingTo ? `${t.replyTo} ${props.replyingTo.author}` : t.leaveReply}
      </h3>
      {props.preview !== undefined ? (
        <section id="comment-preview" class="preview" aria-labelledby="comment-preview-title">
          <h4 id="comment-preview-title">{t.previewTitle}</h4>
          <div class="text" dir="auto">
            {raw(props.preview)}
          </div>
        </section>
      ) : null}
      {state.summary ? (
        <p
          class="error"
          role="alert"
          id="comment-form-summary"
          tabindex={focus === 'summary' ? -1 : undefined}
          autofocus={focus === 'summary'}
        >
          {state.summary}
        </p>
      ) : null}
      <p class="meta">
        {/* The star is read out here, so the sentence is whole; fields say "required" themselves. */}
        {t.emailNotice} <span>*</span>
      </p>
      <p>
        <label for="comment-content">
          {t.comment}
          <span aria-hidden="true"> *</span>
        </label>
        <textarea
          id="comment-content"
          name="content"
          rows={8}
          maxlength={commentFields.content.max}
          required
          autofocus={focus === 'content'}
          aria-invalid={contentError ? 'true' : undefined}
          aria-describedby={contentError ? 'comment-content-error' : 'comment-content-hint'}
        >
          {state.values.content ?? ''}
        </textarea>
        {contentError ? (
          <span id="comment-content-error" class="error">
            {contentError}
          </span>
        ) : (
          <span id="comment-content-hint" class="meta">
            {t.markdownHint}
          </span>
        )}
      </p>
      {oneLineInputs.map((input) => (
        <Field
          name={input.name}
          autofocus={focus === input.name}
          label={t[input.label]}
          type={input.type}
          autocomplete={input.autocomplete}
          state={state}
        />
      ))}
      {state.errors.parent ? (
        <p id="comment-parent-error" class="error">
          {state.errors.parent}
        </p>
      ) : null}
      <input type="hidden" name="parent" value={parent} />
      <p class="hp" aria-hidden="true">
        <label for="comment-website2">{t.honeypot}</label>
        <input
          id="comment-website2"
          name="website2"
          type="text"
          tabindex={-1}
          autocomplete="off"
          value=""
        />
      </p>
      {props.turnstileSiteKey ? (
        <>
          <div class="cf-turnstile" data-sitekey={props.turnstileSiteKey} />
          <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer />
        </>
      ) : null}
      <p>
        <button type="submit">{t.submit}</button>{' '}
        <button type="submit" formaction={props.previewAction} formnovalidate>
          {t.preview}
        </button>
        {props.replyingTo ? (
          <>
            {' '}
            <a href={`${props.action.replace(/\/comments$/, '')}#comment-form`}>{t.cancelReply}</a>
          </>
        ) : null}
      </p>
    </form>
  )
}
