/** Every URL path the site publishes, built in one place so routes and renderers agree. */
export const paths = {
  home: '/',
  /** The folder of the site's feeds; each format's file is inside it (feeds/formats.ts). */
  siteFeeds: '/',
  article: (slug: string) => `/articles/${slug}`,
  comments: (slug: string) => `/articles/${slug}/comments`,
  /** The folder of the site's comment feeds: the newest comments across articles. */
  siteCommentFeeds: '/comments/',
  /** The folder of an article's comment feeds. */
  commentFeeds: (slug: string) => `/articles/${slug}/comments/`,
  comment: (slug: string, id: string) => `/articles/${slug}#comment-${id}`,
  /** One comment as a resource: PATCH and DELETE by its author. */
  commentItem: (slug: string, id: string) => `/articles/${slug}/comments/${id}`,
  /** The form equivalents of PATCH and DELETE (HTML forms only send GET and POST). */
  commentEdit: (slug: string, id: string) => `/articles/${slug}/comments/${id}/edit`,
  commentDelete: (slug: string, id: string) => `/articles/${slug}/comments/${id}/delete`,
  /** Where the comment form's Preview button posts. */
  commentPreview: (slug: string) => `/articles/${slug}/comments/preview`,
  /** The folder of one comment's reply feeds. */
  threadFeeds: (slug: string, id: string) => `/articles/${slug}/comments/${id}/`,
  /** The moderation page; its session cookie is scoped to this path. */
  moderation: '/admin',
  signIn: '/admin/sign-in',
  signOut: '/admin/sign-out',
  /** Runs the WebSub announcer now (the deploy script calls it). */
  websubAnnounce: '/admin/websub/announce',
  /** The only sitemap, or the sitemap index once the site outgrows one. */
  sitemap: '/sitemap.xml',
  /** The Google News sitemap: the articles of the last two days. */
  newsSitemap: '/news-sitemap.xml',
  /** A sitemap listed by the index, numbered from 1. */
  numberedSitemap: (n: number) => `/sitemaps/${n}.xml`,
  /** A page of content/pages/; its slug is never one of reservedPageSlugs. */
  page: (slug: string) => `/${slug}`,
  /** The search results page; the query is `?q=`. */
  search: '/search',
  /** The folder of the search feeds; each takes the same `?q=` (feeds/formats.ts). */
  searchFeeds: '/search/',
  /** Images and other media of the articles, copied from content/media/. */
  media: (name: string) => `/media/${name}`,
  /** A tag's page; the tag (NFC, see content/tags.ts) is percent-encoded UTF-8. */
  tag: (tag: string) => tagPath(encodeURIComponent(tag)),
  /** The folder of a tag's feeds. */
  tagFeeds: (tag: string) => `${tagPath(encodeURIComponent(tag))}/`,
  /** An author's page; the name (NFC) is percent-encoded UTF-8, as a tag's. */
  author: (name: string) => authorPath(encodeURIComponent(name)),
  /** The folder of an author's feeds. */
  authorFeeds: (name: string) => `${authorPath(encodeURIComponent(name))}/`,
  /** The folder of archive page `page` of the feeds in `folder` (RFC 5005). */
  archiveFeeds: (folder: string, page: number | string) => `${folder}archive/${page}/`,
}

/**
 * The first path segments the routes answer under, which a page's slug may not
 * take: its address would be theirs. Those of the addresses above are derived
 * from them; `feed`, `rss` and `atom` are the guessed feed addresses of
 * routes/feed-aliases.ts. (Addresses with a dot, as /feed.xml, are no slug.)
 */
export const reservedPageSlugs: readonly string[] = [
  ...new Set([
    ...[
      paths.article('x'),
      paths.tag('x'),
      paths.author('x'),
      paths.archiveFeeds('/', 1),
      paths.moderation,
      paths.numberedSitemap(1),
      paths.media('x'),
      paths.search,
      paths.siteCommentFeeds,
    ].map((path) => path.split('/')[1] as string),
    'feed',
    'rss',
    'atom',
  ]),
]

function tagPath(segment: string): string {
  return `/tags/${segment}`
}

function authorPath(segment: string): string {
  return `/authors/${segment}`
}

/** Route patterns of the addresses above whose parameter must not be percent-encoded. */
export const routePatterns = {
  tag: tagPath(':tag'),
  tagFeeds: `${tagPath(':tag')}/`,
  author: authorPath(':author'),
  authorFeeds: `${authorPath(':author')}/`,
}

/** tag: URIs (RFC 4151) that stay the same under any hostname. */
export const ids = {
  siteFeed: (authority: string) => `tag:${authority}:feed`,
  tagFeed: (authority: string, tag: string) => `tag:${authority}:tags/${encodeURIComponent(tag)}`,
  authorFeed: (authority: string, name: string) =>
    `tag:${authority}:authors/${encodeURIComponent(name)}`,
  article: (authority: string, slug: string) => `tag:${authority}:articles/${slug}`,
  siteCommentFeed: (authority: string) => `tag:${authority}:comments`,
  commentFeed: (authority: string, slug: string) => `tag:${authority}:articles/${slug}/comments`,
  comment: (authority: string, slug: string, id: string) =>
    `tag:${authority}:articles/${slug}/comments/${id}`,
  /** One query's search feed; `query` as the reader gave it, trimmed. */
  searchFeed: (authority: string, query: string) =>
    `tag:${authority}:search?q=${encodeURIComponent(query)}`,
  threadFeed: (authority: string, slug: string, id: string) =>
    `tag:${authority}:articles/${slug}/comments/${id}/replies`,
}
