import type { ArticleMeta } from '../content/types'
import type { FeedLink } from '../feeds/formats'
import { formatDate, messagesFor } from './i18n'
import { Layout, type PageHead } from './layout'
import { Subscribe } from './subscribe'

/** Links to the neighbouring pages of the index, when there are any. */
export interface Pager {
  newerHref?: string
  olderHref?: string
}

/** One page of a list of articles, newest first: the home page's, or a tag's. */
export function IndexPage(props: {
  head: PageHead
  homeUrl: string
  /** The tag whose articles these are; none on the home page. */
  tag?: string
  articles: readonly ArticleMeta[]
  articleHref: (slug: string) => string
  /** The feeds of the same list, advertised in the Subscribe block. */
  feeds: FeedLink[]
  /** The site's comment feeds, which the home page advertises too. */
  commentFeeds?: FeedLink[]
  pager: Pager
}) {
  const t = messagesFor(props.head.language)
  return (
    <Layout head={props.head} homeUrl={props.homeUrl}>
      <h1>{props.tag === undefined ? t.latest : `${t.tagged}: ${props.tag}`}</h1>
      <ol class="articles">
        {props.articles.map((article) => (
          <li lang={article.language}>
            <h2>
              <a href={props.articleHref(article.slug)}>{article.title}</a>
            </h2>
            <p class="meta">
              <time datetime={article.published}>
                {formatDate(article.published, article.language)}
              </time>
            </p>
            <p>{article.summary}</p>
          </li>
        ))}
      </ol>
      {props.pager.newerHref || props.pager.olderHref ? (
        <nav class="pager" aria-label={t.pages}>
          {props.pager.newerHref ? (
            <a href={props.pager.newerHref} rel="prev">
              {t.newer}
            </a>
          ) : null}{' '}
          {props.pager.olderHref ? (
            <a href={props.pager.olderHref} rel="next">
              {t.older}
            </a>
          ) : null}
        </nav>
      ) : null}
      <Subscribe
        language={props.head.language}
        siteFeeds={props.feeds}
        {...(props.commentFeeds ? { commentFeeds: props.commentFeeds, siteComments: true } : {})}
      />
    </Layout>
  )
}
