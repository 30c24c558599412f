/** Every URL path the site publishes, built in one place so routes and renderers agree. */
export const paths = {
  home: '/',
  rss: '/feed.xml',
  atom: '/atom.xml',
  json: '/feed.json',
  article: (slug: string) => `/articles/${slug}`,
  comments: (slug: string) => `/articles/${slug}/comments`,
  commentsRss: (slug: string) => `/articles/${slug}/comments/feed.xml`,
  commentsAtom: (slug: string) => `/articles/${slug}/comments/atom.xml`,
  commentsJson: (slug: string) => `/articles/${slug}/comments/feed.json`,
  comment: (slug: string, id: string) => `/articles/${slug}#comment-${id}`,
}

/** tag: URIs (RFC 4151) that stay the same under any hostname. */
export const ids = {
  siteFeed: (authority: string) => `tag:${authority}:feed`,
  article: (authority: string, slug: string) => `tag:${authority}:articles/${slug}`,
  commentFeed: (authority: string, slug: string) => `tag:${authority}:articles/${slug}/comments`,
  comment: (authority: string, slug: string, id: string) =>
    `tag:${authority}:articles/${slug}/comments/${id}`,
}
