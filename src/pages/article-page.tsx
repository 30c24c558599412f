import { raw } from 'hono/html'
import type { CommentThread } from '../comments/types'
import type { MoreInSection } from '../content/sections'
import type { ArticleMeta } from '../content/types'
import type { FeedLink } from '../feeds/formats'
import { paths } from '../paths'
import { Byline } from './byline'
import { CommentForm, type CommentFormState } from './comment-form'
import { type CommentLinks, CommentList, type OwnComments } from './comment-list'
import { formatDate, messagesFor } from './i18n'
import { Layout, type PageHead } from './layout'
import { StoryCards } from './story-cards'
import { Subscribe } from './subscribe'

/** The article's comment section: either the threads and the form, or why not. */
export type CommentsView =
  | {
      kind: 'available'
      threads: CommentThread[]
      count: number
      truncated: boolean
      form: CommentFormState
      /** The reader's own held comments, shown to them alone. */
      heldIds: string[]
      own?: OwnComments
      /** The form's text rendered as it will look, after the Preview button. */
      preview?: string
      replyingTo?: { id: string; author: string }
    }
  | { kind: 'unavailable' }

/** One article: header, body, more in its section, comments, comment form, subscribe block. */
export function ArticlePage(props: {
  head: PageHead
  homeUrl: string
  article: ArticleMeta
  /** The article's body, sanitised HTML from the build. */
  body: string
  comments: CommentsView
  commentsAction: string
  previewAction: string
  links: CommentLinks
  siteFeeds: FeedLink[]
  commentFeeds: FeedLink[]
  /** Each of the article's tags with its feeds, linked from the tag list. */
  tagFeeds: Array<{ tag: string; feeds: FeedLink[] }>
  turnstileSiteKey?: string
  /** Other stories of the article's section, under it; none when it has no tag. */
  more?: MoreInSection
}) {
  const { article, comments } = props
  const t = messagesFor(article.language)
  return (
    <Layout head={props.head} homeUrl={props.homeUrl}>
      <article>
        <header>
          {article.draft ? <p class="draft">{t.draft}</p> : null}
          <h1>{article.title}</h1>
          <p class="meta">
            {t.published}:{' '}
            <time datetime={article.published}>
              {formatDate(article.published, article.language)}
            </time>
            {article.updated ? (
              <>
                {' · '}
                {t.updated}:{' '}
                <time datetime={article.updated}>
                  {formatDate(article.updated, article.language)}
                </time>
              </>
            ) : null}
            {' · '}
            <Byline authors={article.authors} language={article.language} href={paths.author} />
            {article.source ? (
              <>
                {' · '}
                {t.source}: <a href={article.source.url}>{article.source.name}</a>
              </>
            ) : null}
          </p>
          <p class="standfirst">{article.summary}</p>
        </header>
        {raw(props.body)}
        {article.tags.length > 0 ? (
          <section class="tags" aria-label={t.tags}>
            {t.tags}:{' '}
            <ul>
              {props.tagFeeds.map(({ tag, feeds }) => (
                <li>
                  <a href={paths.tag(tag)} rel="tag">
                    {tag}
                  </a>{' '}
                  <span class="tag-feeds">
                    (
                    {feeds.map((feed, i) => (
                      <>
                        {i > 0 ? ' · ' : ''}
                        <a href={feed.href} type={feed.type} title={feed.title}>
                          {feed.label}
                        </a>
                      </>
                    ))}
                    )
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
      {props.more && props.more.stories.length > 0 ? (
        <section class="more" aria-labelledby="more-heading">
          <h2 id="more-heading">{t.moreInSection}</h2>
          <StoryCards
            stories={props.more.stories}
            articleHref={paths.article}
            authorHref={paths.author}
            lead={false}
            level={3}
            compact={true}
          />
          <p>
            <a href={paths.tag(props.more.tag)}>{t.allInSection(props.more.tag)}</a>
          </p>
        </section>
      ) : null}
      <section id="comments" class="comments" aria-labelledby="comments-heading">
        {comments.kind === 'unavailable' ? (
          <>
            <h2 id="comments-heading">{t.comments}</h2>
            <p role="status">{t.commentsUnavailable}</p>
          </>
        ) : (
          <>
            <h2 id="comments-heading">
              {t.comments} ({comments.count})
            </h2>
            <CommentList
              heldIds={comments.heldIds}
              {...(comments.own ? { own: comments.own } : {})}
              threads={comments.threads}
              language={article.language}
              links={props.links}
            />
            {comments.truncated ? <p class="meta">{t.moreComments}</p> : null}
            {article.comments === 'open' ? (
              <CommentForm
                language={article.language}
                action={props.commentsAction}
                previewAction={props.previewAction}
                state={comments.form}
                {...(comments.preview !== undefined ? { preview: comments.preview } : {})}
                {...(comments.replyingTo ? { replyingTo: comments.replyingTo } : {})}
                {...(props.turnstileSiteKey ? { turnstileSiteKey: props.turnstileSiteKey } : {})}
              />
            ) : (
              <p>{t.commentsClosed}</p>
            )}
          </>
        )}
      </section>
      <Subscribe
        language={article.language}
        siteFeeds={props.siteFeeds}
        commentFeeds={props.commentFeeds}
      />
    </Layout>
  )
}
