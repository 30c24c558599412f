import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { site } from '../content/index'
import type { FeedLink } from '../feeds/formats'
import { paths } from '../paths'
import { maxQueryLength } from '../search/terms'
import { messagesFor } from './i18n'

/** What every page's <head> needs. */
export interface PageHead {
  language: string
  title: string
  description: string
  canonical: string
  feeds: FeedLink[]
  ogType: 'website' | 'article'
  siteTitle: string
  /** Kept out of search engines' indexes (search results). */
  noindex?: boolean
  /** The page's lead image, its URL absolute. */
  image?: { url: string; width: number; height: number; alt: string }
  /**
   * JSON-LD already made safe for a data block (structured-data.ts scriptSafeJson).
   * A data block is never run, so the CSP's script-src 'none' leaves it be.
   */
  structuredData?: string
}

/**
 * The document shell: head metadata, skip link, the masthead (the site's name,
 * the site menu, the search form: a GET form, it works without JavaScript, and
 * the section menu of site.yaml `sections`), and footer. `query` fills the
 * search box on a results page.
 */
export function Layout(props: {
  head: PageHead
  homeUrl: string
  query?: string
  /** The tag whose page this is, marked as the current section in the masthead. */
  section?: string
  /** A front page's width for its cards; articles and forms keep a reading column. */
  wide?: boolean
  children: Child
}) {
  const { head } = props
  const t = messagesFor(head.language)
  return (
    <html lang={head.language} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{head.title}</title>
        <meta name="description" content={head.description} />
        {head.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={head.canonical} />
        <link rel="stylesheet" href="/site.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {head.feeds.map((feed) => (
          <link rel="alternate" type={feed.type} title={feed.title} href={feed.href} />
        ))}
        <meta property="og:type" content={head.ogType} />
        <meta property="og:title" content={head.title} />
        <meta property="og:description" content={head.description} />
        <meta property="og:url" content={head.canonical} />
        <meta property="og:site_name" content={head.siteTitle} />
        <meta property="og:locale" content={head.language.replace('-', '_')} />
        {head.image ? (
          <>
            <meta property="og:image" content={head.image.url} />
            <meta property="og:image:width" content={String(head.image.width)} />
            <meta property="og:image:height" content={String(head.image.height)} />
            <meta property="og:image:alt" content={head.image.alt} />
          </>
        ) : null}
        {head.structuredData ? (
          <script type="application/ld+json">{raw(head.structuredData)}</script>
        ) : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="site">
          <div class="masthead">
            <p class="name">
              <a href={props.homeUrl}>{head.siteTitle}</a>
            </p>
            {site.menu.length > 0 ? (
              <nav class="site" aria-label={t.siteMenu}>
                <ul>
                  {site.menu.map((link) => (
                    <li>
                      <a href={link.href}>{link.label}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <search>
              <form class="search" method="get" action={paths.search}>
                <label for="search-q">{t.searchLabel}</label>{' '}
                <input
                  id="search-q"
                  type="search"
                  name="q"
                  maxlength={maxQueryLength}
                  value={props.query ?? ''}
                />{' '}
                <button type="submit">{t.search}</button>
              </form>
            </search>
          </div>
          {site.sections.length > 0 ? (
            <nav class="sections" aria-label={t.sections}>
              <ul>
                {site.sections.map((tag) => (
                  <li>
                    <a
                      href={paths.tag(tag)}
                      aria-current={tag === props.section ? 'page' : undefined}
                    >
                      {tag}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class={props.wide ? 'wide' : undefined}>
          {props.children}
        </main>
        <footer class="site">
          <p class="meta">{head.siteTitle}</p>
        </footer>
      </body>
    </html>
  )
}
