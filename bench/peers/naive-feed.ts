import { Feed } from 'feed'
import type { PeerContent } from '../project'

const formats: Record<string, { type: string; render: (feed: Feed) => string }> = {
  '/feed.xml': { type: 'application/rss+xml; charset=utf-8', render: (feed) => feed.rss2() },
  '/atom.xml': { type: 'application/atom+xml; charset=utf-8', render: (feed) => feed.atom1() },
  '/feed.json': { type: 'application/feed+json; charset=utf-8', render: (feed) => feed.json1() },
}

/**
 * The naive peer: what most tutorials do, building the feed with `feed` on
 * every request. It takes the same newest articles as the real feeds (the site's
 * feed size), so the two answer with documents of about the same size.
 */
export function naiveFeedWorker(content: PeerContent) {
  const newest = content.newest
  return {
    fetch(request: Request): Response {
      const url = new URL(request.url)
      const format = formats[url.pathname]
      if (!format) return new Response(null, { status: 404 })
      const feed = new Feed({
        id: `${url.origin}/`,
        title: content.site.title,
        description: content.site.description,
        link: `${url.origin}/`,
        language: content.site.language,
        updated: new Date(newest[0]?.updated ?? newest[0]?.published ?? 0),
        feedLinks: { rss: `${url.origin}/feed.xml`, atom: `${url.origin}/atom.xml` },
      })
      for (const article of newest) {
        feed.addItem({
          title: article.title,
          id: `${url.origin}/articles/${article.slug}`,
          link: `${url.origin}/articles/${article.slug}`,
          description: article.summary,
          content: article.html,
          date: new Date(article.updated ?? article.published),
          published: new Date(article.published),
          author: article.authors.map((author) => ({ name: author.name, link: author.url })),
          category: article.tags.map((tag) => ({ name: tag })),
        })
      }
      return new Response(format.render(feed), { headers: { 'content-type': format.type } })
    },
  }
}
