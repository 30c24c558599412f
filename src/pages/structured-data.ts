import { normaliseTag } from '../content/tags'
import type { ArticleMeta } from '../content/types'
import { paths } from '../paths'

/**
 * JSON for a `<script type="application/ld+json">` data block. The HTML parser
 * ends the element at the first `</script` and treats `<!--` specially whatever
 * the JSON means, so every `<` (and `>`, `&` for good measure) is written as a
 * JSON escape; U+2028 and U+2029 too, so the text is also a JavaScript literal.
 * The result parses back to exactly `value`.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** What the article page knows beyond the article: absolute addresses and the site. */
export interface NewsArticleContext {
  /** The page's canonical URL (also its og:url). */
  canonical: string
  /** SITE_URL: the origin the lead image's path is made absolute against. */
  siteUrl: string
  siteTitle: string
}

/**
 * schema.org `NewsArticle` for search engines' news surfaces, from the same
 * fields the page shows: headline (the visible title, not the <title> with the
 * site's name), dates as written in the front matter, authors (their page on
 * this site, which the byline links, and their own `url` as `sameAs`), the lead
 * image with its size, and the site as publisher.
 */
export function newsArticleData(article: ArticleMeta, context: NewsArticleContext) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    inLanguage: article.language,
    datePublished: article.published,
    dateModified: article.updated ?? article.published,
    mainEntityOfPage: { '@type': 'WebPage', '@id': context.canonical },
    url: context.canonical,
    author: article.authors.map((author) => ({
      '@type': 'Person',
      name: author.name,
      url: context.siteUrl + paths.author(normaliseTag(author.name)),
      ...(author.url ? { sameAs: author.url } : {}),
    })),
    ...(article.image
      ? {
          image: {
            '@type': 'ImageObject',
            url: context.siteUrl + article.image.url,
            width: article.image.width,
            height: article.image.height,
          },
        }
      : {}),
    publisher: { '@type': 'Organization', name: context.siteTitle, url: `${context.siteUrl}/` },
    ...(article.tags.length > 0 ? { keywords: article.tags } : {}),
  }
}
