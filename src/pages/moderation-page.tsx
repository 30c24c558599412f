import { paths } from '../app/paths'
import { commentVersion, type ModerationAction } from '../comments/moderation'
import type { CommentStatus, StoredComment } from '../comments/types'
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

export const statusLabels: Record<CommentStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
}

export const actionLabels: Record<ModerationAction, string> = {
  approve: 'Approve',
  spam: 'Spam',
  delete: 'Delete',
}

/** The actions that change a comment of this status: approving an approved one does nothing. */
function actionsFor(status: CommentStatus): ModerationAction[] {
  if (status === 'approved') return ['spam', 'delete']
  if (status === 'spam') return ['approve', 'delete']
  return ['approve', 'spam', 'delete']
}

function time(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

function Item(props: { item: ModerationItem; actions: ModerationAction[] }) {
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
            Select <span id={`by-${id}`}>{comment.author}</span>
          </label>
        </p>
        <dl class="facts">
          <dt>Article</dt>
          <dd>
            <a href={paths.article(comment.article)}>{articleTitle}</a>
          </dd>
          {parentLine !== undefined ? (
            <>
              <dt>Reply to</dt>
              <dd dir="auto">{parentLine}</dd>
            </>
          ) : null}
          <dt>E-mail</dt>
          <dd>
            <a href={`mailto:${comment.email}`}>{comment.email}</a>
          </dd>
          {comment.url ? (
            <>
              <dt>Website</dt>
              <dd>
                <a href={comment.url} rel="nofollow ugc noopener noreferrer">
                  {comment.url}
                </a>
              </dd>
            </>
          ) : null}
          <dt>Time</dt>
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
              {actionLabels[action]}
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
  return (
    <Layout head={props.head} homeUrl={paths.home}>
      <div class="moderation">
        <div class="bar">
          <h1>Moderation</h1>
          <form method="post" action={paths.signOut} class="sign-out">
            <input type="hidden" name="csrf" value={props.csrf} />
            <button type="submit">Sign out</button>
          </form>
        </div>
        {props.notice ? (
          <p class="notice" role="status" id="moderation-notice">
            {props.notice}
          </p>
        ) : null}
        <form method="get" action={paths.moderation} class="filter">
          <p>
            <label for="filter-status">Status</label>
            <select id="filter-status" name="status">
              {(['pending', 'approved', 'spam'] as const).map((status) => (
                <option value={status} selected={status === props.status}>
                  {statusLabels[status]}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="filter-article">Article</label>
            <select id="filter-article" name="article">
              <option value="">All articles</option>
              {props.articles.map((article) => (
                <option value={article.slug} selected={article.slug === props.article}>
                  {article.title}
                </option>
              ))}
            </select>
          </p>
          <button type="submit">Show</button>
        </form>
        <h2 id="list-heading">
          {statusLabels[props.status]} comments{props.items.length ? '' : ': none'}
        </h2>
        {props.items.length ? (
          <form method="post" action={paths.moderation} aria-labelledby="list-heading">
            <input type="hidden" name="csrf" value={props.csrf} />
            <input type="hidden" name="status" value={props.status} />
            {props.article ? <input type="hidden" name="article" value={props.article} /> : null}
            <fieldset class="bulk">
              <legend>With the selected comments</legend>
              {actions.map((action) => (
                <button type="submit" name="act" value={action} class={action}>
                  {actionLabels[action]}
                </button>
              ))}
            </fieldset>
            <ol class="moderation-list">
              {props.items.map((item) => (
                <Item item={item} actions={actions} />
              ))}
            </ol>
          </form>
        ) : null}
        {props.nextHref ? (
          <nav class="pager" aria-label="More comments">
            <a href={props.nextHref}>Next page →</a>
          </nav>
        ) : null}
      </div>
    </Layout>
  )
}
