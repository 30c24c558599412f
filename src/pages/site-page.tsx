import { raw } from 'hono/html'
import type { SitePage } from '../content/types'
import { formatDate, messagesFor } from './i18n'
import { Layout, type PageHead } from './layout'

/** A page of content/pages/: its title, its body, and when it last changed if it says. */
export function SitePageView(props: { head: PageHead; homeUrl: string; page: SitePage }) {
  const { page } = props
  const t = messagesFor(page.language)
  return (
    <Layout head={props.head} homeUrl={props.homeUrl}>
      <article>
        <header>
          {page.draft ? <p class="draft">{t.draft}</p> : null}
          <h1>{page.title}</h1>
          {page.updated ? (
            <p class="meta">
              {t.updated}:{' '}
              <time datetime={page.updated}>{formatDate(page.updated, page.language)}</time>
            </p>
          ) : null}
        </header>
        {/* Sanitised at build time by the articles' own allowlist (scripts/content/markdown.ts). */}
        {raw(page.html)}
      </article>
    </Layout>
  )
}
