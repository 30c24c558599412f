/** The seed article, which every test site and the bench serve. */
export const seedSlug = 'openai-sora-artists-leak-protest'

/** The seed article's public comments (JSON) and intake. */
export const commentsPath = `/articles/${seedSlug}/comments`

/** The seed article's author's feeds, by the name in NFC (its फ़ has a nukta). */
export const seedAuthorFeeds = `/authors/${encodeURIComponent('फ़र्स्टपोस्ट'.normalize('NFC'))}/`

/** The feeds and the public comments JSON: what readers poll and other sites may read. */
export const feedRoutes = [
  '/feed.xml',
  '/atom.xml',
  '/feed.json',
  `${seedAuthorFeeds}feed.xml`,
  '/comments/feed.xml',
  commentsPath,
  `${commentsPath}/feed.xml`,
  `${commentsPath}/atom.xml`,
  `${commentsPath}/feed.json`,
]

/** Every GET route that answers with a page or a feed of the seed site. */
export const getRoutes = ['/', `/articles/${seedSlug}`, ...feedRoutes]
