import type { FeedLink } from '../feeds/formats'
import { messagesFor } from './i18n'

/**
 * The address as a reader reads it: a tag in Devanagari, not its percent-encoded
 * bytes (a feed reader takes either). decodeURI keeps reserved characters
 * (/ ? # & …) encoded, so the text still names the same feed.
 */
function readable(href: string): string {
  try {
    return decodeURI(href)
  } catch {
    return href
  }
}

/**
 * Feeds as a list of links, each with the address a reader can copy unless
 * `linksOnly` (the search page's, whose addresses carry the query anyway).
 */
export function FeedList(props: { feeds: FeedLink[]; linksOnly?: boolean }) {
  return (
    <ul>
      {props.feeds.map((feed) => (
        <li>
          <a href={feed.href} type={feed.type}>
            {feed.label}
          </a>
          {props.linksOnly ? null : (
            <>
              : <code>{readable(feed.href)}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}

/**
 * The visible "Subscribe" block: the feed addresses a reader can copy. Comment feeds
 * are an article's own, or on the home page (`siteComments`) those of every article.
 */
export function Subscribe(props: {
  language: string
  siteFeeds: FeedLink[]
  commentFeeds?: FeedLink[]
  siteComments?: boolean
}) {
  const t = messagesFor(props.language)
  return (
    <section class="subscribe" aria-labelledby="subscribe-heading">
      <h2 id="subscribe-heading">{t.subscribe}</h2>
      <p>{t.subscribeHint}</p>
      <h3>{t.articleFeeds}</h3>
      <FeedList feeds={props.siteFeeds} />
      {props.commentFeeds ? (
        <>
          <h3>{props.siteComments ? t.siteCommentFeeds : t.commentFeeds}</h3>
          <FeedList feeds={props.commentFeeds} />
        </>
      ) : null}
    </section>
  )
}
