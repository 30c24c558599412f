import type { ArticleMeta } from '../content/types'
import type { FeedLink } from '../feeds/formats'
import { messagesFor } from './i18n'
import { ArticleItems, type Pager, PagerLinks } from './index-page'
import { Layout, type PageHead } from './layout'
import { FeedList } from './subscribe'

/** What a search found, or why it looked for nothing. */
export type SearchOutcome =
  | { kind: 'empty' }
  | { kind: 'too_long' }
  | { kind: 'found'; articles: readonly ArticleMeta[]; capped: boolean; pager: Pager }

/**
 * The search page: the matches, newest first, listed as the home page lists
 * articles, with the query's feeds; or, for an empty, too long or fruitless
 * query, what to type instead.
 */
export function SearchPage(props: {
  head: PageHead
  homeUrl: string
  query: string
  outcome: SearchOutcome
  articleHref: (slug: string) => string
  /** The query's feeds, advertised below the results. */
  feeds: FeedLink[]
}) {
  const t = messagesFor(props.head.language)
  const { outcome } = props
  return (
    <Layout head={props.head} homeUrl={props.homeUrl} query={props.query}>
      <h1>{outcome.kind === 'found' ? `${t.searchFor}: ${props.query}` : t.searchResults}</h1>
      {outcome.kind === 'too_long' ? <p class="notice">{t.searchTooLong}</p> : null}
      {outcome.kind === 'found' && outcome.capped ? <p class="notice">{t.searchCapped}</p> : null}
      {outcome.kind === 'found' && outcome.articles.length > 0 ? (
        <>
          <ArticleItems articles={outcome.articles} articleHref={props.articleHref} />
          <PagerLinks language={props.head.language} pager={outcome.pager} />
        </>
      ) : (
        <>
          {outcome.kind === 'found' ? <p>{t.searchNone}</p> : null}
          <p>{t.searchHint}</p>
        </>
      )}
      {props.feeds.length > 0 ? (
        <section class="subscribe" aria-labelledby="search-feeds">
          <h2 id="search-feeds">{t.searchFeeds}</h2>
          <FeedList feeds={props.feeds} linksOnly />
        </section>
      ) : null}
    </Layout>
  )
}
