import { commentVersion, type ModerationAction } from '../comments/moderation'
import type { CommentStatus, StoredComment } from '../comments/types'
import { paths } from '../paths'
import { type Messages, messagesFor } from './i18n'
import { Layout, type PageHead } from './layout'

/** One comment as the moderator sees it, with what the list needs around it. */
export interface ModerationItem {
  comment: StoredComment
  articleTitle: string
  /** The first line of the comment it replies to, when it is a reply. */
  parentLine?: string
}

export interface ModerationPageProps {
  head: PageHead
  status: CommentStatus
  /** The article the list is narrowed to, if any. */
  article?: string
  articles: ReadonlyArray<{ slug: string; title: string }>
  items: ModerationItem[]
  /** The next page of the same list, when there is one. */
  nextHref?: string
  /** What the last POST did, said once above the list. */
  notice?: string
  csrf: string
}

/** Every status the list can show, in the filter's order. */
export const moderationStatuses: readonly CommentStatus[] = ['pending', 'approved', 'spam']

/** The actions that change a comment of this status: approving an approved one does nothing. */
function actionsFor(status: CommentStatus): ModerationAction[] {
  if (status === 'approved') return ['spam', 'delete']
  if (status === 'spam') return ['approve', 'delete']
  return ['approve', 'spam', 'delete']
}

function time(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

function Item(props: {
  item: ModerationItem
  actions: ModerationAction[]
  t: Messages['moderation']
}) {
  const { t } = props
  const { comment, articleTitle, parentLine } = props.item
  const id = comment.id
  return (
    <li class="moderated" id={`comment-${id}`}>
      <article aria-labelledby={`by-${id}`}>
        <p class="select">
          <input type="checkbox" name="id" value={id} id={`select-${id}`} />
          {/* The version shown here travels with every action, single or bulk: an
              approval of a comment its author edited since is refused. */}
          <input type="hidden" name={`seen:${id}`} value={commentVersion(comment)} />
          <label for={`select-${id}`}>
            {t.select} <span id={`by-${id}`}>{comment.author}</span>
          </label>
        </p>
        <dl class="facts">
          <dt>{t.article}</dt>
          <dd>
            <a href={paths.article(comment.article)}>{articleTitle}</a>
          </dd>
          {parentLine !== undefined ? (
            <>
              <dt>{t.replyTo}</dt>
              <dd dir="auto">{parentLine}</dd>
            </>
          ) : null}
          <dt>{t.email}</dt>
          <dd>
            <a href={`mailto:${comment.email}`}>{comment.email}</a>
          </dd>
          {comment.url ? (
            <>
              <dt>{t.website}</dt>
              <dd>
                <a href={comment.url} rel="nofollow ugc noopener noreferrer">
                  {comment.url}
                </a>
              </dd>
            </>
          ) : null}
          <dt>{t.time}</dt>
          <dd>
            <time datetime={comment.created}>{time(comment.created)}</time>
          </dd>
          {comment.edited ? (
            <>
              <dt>Edited</dt>
              <dd>
                <time datetime={comment.edited}>{time(comment.edited)}</time> (version{' '}
                {commentVersion(comment)})
              </dd>
            </>
          ) : null}
        </dl>
        <p class="text" dir="auto">
          {comment.content}
        </p>
        <p class="actions">
          {props.actions.map((action) => (
            <button
              type="submit"
              name="act"
              value={`${action}:${id}`}
              class={action}
              aria-describedby={`by-${id}`}
            >
              {t.actions[action]}
            </button>
          ))}
        </p>
      </article>
    </li>
  )
}

/** The moderation page: a filter, then the list in one form with per-comment and bulk actions. */
export function ModerationPage(props: ModerationPageProps) {
  const actions = actionsFor(props.status)
  const t = messagesFor(props.head.language).moderation
  return (
    <Layout head={props.head} homeUrl={paths.home}>
      <div class="moderation">
        <div class="bar">
          <h1>{t.title}</h1>
          <form method="post" action={paths.signOut} class="sign-out">
            <input type="hidden" name="csrf" value={props.csrf} />
            <button type="submit">{t.signOut}</button>
          </form>
        </div>
        {props.notice ? (
          <p class="notice" role="status" id="moderation-notice">
            {props.notice}
          </p>
        ) : null}
        <form method="get" action={paths.moderation} class="filter">
          <p>
            <label for="filter-status">{t.status}</label>
            <select id="filter-status" name="status">
              {moderationStatuses.map((status) => (
                <option value={status} selected={status === props.status}>
                  {t.statuses[status]}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="filter-article">{t.article}</label>
            <select id="filter-article" name="article">
              <option value="">{t.allArticles}</option>
              {props.articles.map((article) => (
                <option value={article.slug} selected={article.slug === props.article}>
                  {article.title}
                </option>
              ))}
            </select>
          </p>
          <button type="submit">{t.show}</button>
        </form>
        <h2 id="list-heading">
          {t.listHeading(t.statuses[props.status], props.items.length === 0)}
        </h2>
        {props.items.length ? (
          <form method="post" action={paths.moderation} aria-labelledby="list-heading">
            <input type="hidden" name="csrf" value={props.csrf} />
            <input type="hidden" name="status" value={props.status} />
            {props.article ? <input type="hidden" name="article" value={props.article} /> : null}
            <fieldset class="bulk">
              <legend>{t.withSelected}</legend>
              {actions.map((action) => (
                <button type="submit" name="act" value={action} class={action}>
                  {t.actions[action]}
                </button>
              ))}
            </fieldset>
            <ol class="moderation-list">
              {props.items.map((item) => (
                <Item item={item} actions={actions} t={t} />
              ))}
            </ol>
          </form>
        ) : null}
        {props.nextHref ? (
          <nav class="pager" aria-label={t.moreComments}>
            <a href={props.nextHref}>{t.nextPage}</a>
          </nav>
        ) : null}
      </div>
    </Layout>
  )
}
