import type { ArticleImage, StoryCard } from '../content/types'
import { Byline } from './byline'
import { formatDate } from './i18n'

/**
 * A card's picture: the article's lead image at the one width the build has
 * (content/media/ is served as written, never resized), so no srcset; its
 * width and height reserve its box before it loads, and the stylesheet crops
 * it to the card's shape. Only the lead story's loads at once: it is the
 * front page's largest paint; the rest wait until the reader nears them.
 */
function CardPicture(props: { image: ArticleImage; eager: boolean }) {
  const { image } = props
  return (
    <img
      class="pic"
      src={image.url}
      alt={image.alt}
      width={image.width}
      height={image.height}
      decoding="async"
      {...(props.eager ? { fetchpriority: 'high' } : { loading: 'lazy' })}
    />
  )
}

/**
 * Stories as cards, newest first: headline, byline, date and lead image. With
 * `lead`, the first is the larger lead story, with its summary too; the others
 * leave the summary to the article, as a news front page does. The headline's
 * link covers the whole card (the stylesheet stretches it), so the card is one
 * link and one Tab stop, besides the byline's author links.
 */
export function StoryCards(props: {
  /** A list's entries, or a tag head's cards (which carry no summary: they are never the lead). */
  stories: readonly (StoryCard & { summary?: string })[]
  articleHref: (slug: string) => string
  authorHref: (name: string) => string
  /** Show the first story as the lead: the first page of a list. */
  lead: boolean
  /** The heading level of the headlines: 2 under a page's h1, 3 under a section's h2. */
  level: 2 | 3
  /** Marks a short list, such as "More in this section", for its smaller cards. */
  compact?: boolean
}) {
  const Headline = props.level === 2 ? 'h2' : 'h3'
  return (
    <ol class={props.compact ? 'cards compact' : 'cards'}>
      {props.stories.map((article, index) => {
        const isLead = props.lead && index === 0
        const classes = ['card', isLead ? 'lead' : '', article.image ? 'pictured' : '']
        return (
          <li class={classes.filter(Boolean).join(' ')} lang={article.language}>
            <Headline>
              <a href={props.articleHref(article.slug)}>{article.title}</a>
            </Headline>
            <p class="meta">
              <time datetime={article.published}>
                {formatDate(article.published, article.language)}
              </time>
              {' · '}
              <Byline
                authors={article.authors}
                language={article.language}
                href={props.authorHref}
              />
            </p>
            {isLead && article.summary ? <p class="summary">{article.summary}</p> : null}
            {article.image ? <CardPicture image={article.image} eager={isLead} /> : null}
          </li>
        )
      })}
    </ol>
  )
}
