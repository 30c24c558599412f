/** The seed article, which every test site and the bench serve. */
export const seedSlug = 'openai-sora-artists-leak-protest'

/** The seed article's public comments (JSON) and intake. */
export const commentsPath = `/articles/${seedSlug}/comments`

/** The feeds and the public comments JSON: what readers poll and other sites may read. */
export const feedRoutes = [
  '/feed.xml',
  '/atom.xml',
  '/feed.json',
  commentsPath,
  `${commentsPath}/feed.xml`,
  `${commentsPath}/atom.xml`,
  `${commentsPath}/feed.json`,
]

/** Every GET route that answers with a page or a feed of the seed site. */
export const getRoutes = ['/', `/articles/${seedSlug}`, ...feedRoutes]
