import { syntheticTags } from '../scripts/generate-articles'
import { seedAuthorFeeds, seedSlug } from '../test/harness/routes'

/** A reader's route as the edge bench names it, and the path it requests. */
export interface EdgeRoute {
  name: string
  path: string
}

const article = `/articles/${seedSlug}`
// The seed article's own tag at N = 1; with generated articles, a tag thousands carry.
const tagOf = (articleCount: number) => (articleCount > 1 ? syntheticTags[0] : 'ओपनएआई')

/** Every kind of GET a reader or feed reader makes, at a project of `articleCount` articles. */
export function readerRoutes(articleCount: number): EdgeRoute[] {
  const tag = `/tags/${encodeURIComponent(tagOf(articleCount) ?? '')}`
  return [
    { name: 'home', path: '/' },
    { name: 'article page', path: article },
    { name: 'tag page', path: tag },
    { name: 'site feed (RSS)', path: '/feed.xml' },
    { name: 'site feed (Atom)', path: '/atom.xml' },
    { name: 'site feed (JSON)', path: '/feed.json' },
    { name: 'tag feed (RSS)', path: `${tag}/feed.xml` },
    {
      name: 'author feed (RSS)',
      // The seed's author at N = 1; with generated articles, an author thousands share.
      path:
        articleCount > 1
          ? `/authors/${encodeURIComponent('समाचार डेस्क')}/feed.xml`
          : `${seedAuthorFeeds}feed.xml`,
    },
    // A word of the seed article's title, at every N: its index files and list chunks, read cold.
    { name: 'search', path: `/search?q=${encodeURIComponent('सोरा')}` },
    { name: 'comment feed (RSS)', path: `${article}/comments/feed.xml` },
    { name: 'site comment feed (RSS)', path: '/comments/feed.xml' },
    { name: 'comments JSON', path: `${article}/comments` },
  ]
}

/** A path no route answers: a fresh isolate's first request, so the runtime's own first-request cost is paid before the route's. */
export const coldNotFound = '/__edge-bench-first-request__'
