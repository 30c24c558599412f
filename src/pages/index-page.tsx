import type { ArticleMeta, AuthorProfile, ListName } from '../content/types'
import type { FeedLink } from '../feeds/formats'
import { formatDate, messagesFor } from './i18n'
import { Layout, type PageHead } from './layout'
import { StoryCards } from './story-cards'
import { Subscribe } from './subscribe'

/** Links to the neighbouring pages of the index, when there are any. */
export interface Pager {
  newerHref?: string
  olderHref?: string
}

/**
 * Articles as search results show them: title, date, and the summary a reader
 * weighs a result by. (The home, tag and author pages show cards: story-cards.tsx.)
 */
export function ArticleItems(props: {
  articles: readonly ArticleMeta[]
  articleHref: (slug: string) => string
}) {
  return (
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
  )
}

/** The newer and older links of a paged list, when it has more than one page. */
export function PagerLinks(props: { language: string; pager: Pager }) {
  const t = messagesFor(props.language)
  const { newerHref, olderHref } = props.pager
  if (!newerHref && !olderHref) return null
  return (
    <nav class="pager" aria-label={t.pages}>
      {newerHref ? (
        <a href={newerHref} rel="prev">
          {t.newer}
        </a>
      ) : null}{' '}
      {olderHref ? (
        <a href={olderHref} rel="next">
          {t.older}
        </a>
      ) : null}
    </nav>
  )
}

/** What an author's page says of them above their articles: bio, their own url, links. */
function AuthorAbout(props: { profile: AuthorProfile; language: string }) {
  const { profile } = props
  const t = messagesFor(props.language)
  const links = [
    ...(profile.url ? [{ label: t.authorWebsite, url: profile.url }] : []),
    ...profile.links,
  ]
  if (!profile.bio && links.length === 0) return null
  return (
    <section class="author-about">
      {profile.bio ? <p>{profile.bio}</p> : null}
      {links.length > 0 ? (
        <ul>
          {links.map((link) => (
            <li>
              <a href={link.url} rel="me">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

/**
 * One page of a list of articles, newest first, as cards: the home page's, a
 * tag's or an author's. On the first page the newest story is the larger lead.
 */
export function IndexPage(props: {
  head: PageHead
  homeUrl: string
  /** The tag or author whose articles these are; none on the home page. */
  list?: ListName
  /** On an author's page, what it says of them. */
  author?: AuthorProfile
  articles: readonly ArticleMeta[]
  articleHref: (slug: string) => string
  /** Each byline's link: the author's page. */
  authorHref: (name: string) => string
  /** The feeds of the same list, advertised in the Subscribe block. */
  feeds: FeedLink[]
  /** The site's comment feeds, which the home page advertises too. */
  commentFeeds?: FeedLink[]
  pager: Pager
}) {
  const t = messagesFor(props.head.language)
  const section = props.list?.kind === 'tag' ? props.list.name : undefined
  return (
    <Layout
      head={props.head}
      homeUrl={props.homeUrl}
      wide={true}
      {...(section === undefined ? {} : { section })}
    >
      <h1>
        {props.list === undefined
          ? t.latest
          : `${props.list.kind === 'tag' ? t.tagged : t.writtenBy}: ${props.list.name}`}
      </h1>
      {props.author ? <AuthorAbout profile={props.author} language={props.head.language} /> : null}
      <StoryCards
        stories={props.articles}
        articleHref={props.articleHref}
        authorHref={props.authorHref}
        lead={props.pager.newerHref === undefined}
        level={2}
      />
      <PagerLinks language={props.head.language} pager={props.pager} />
      <Subscribe
        language={props.head.language}
        siteFeeds={props.feeds}
        {...(props.commentFeeds ? { commentFeeds: props.commentFeeds, siteComments: true } : {})}
      />
    </Layout>
  )
}
