import { type FeedFormat, feedFormatIds, feedUrls } from '../../src/feeds/formats'
import { paths } from '../../src/paths'

/** The seed article, which every test site and the bench serve. */
export const seedSlug = 'openai-sora-artists-leak-protest'

/** The seed article's public comments (JSON) and intake. */
export const commentsPath = paths.comments(seedSlug)

/** The seed article's author's feeds, by the name in NFC (its फ़ has a nukta). */
export const seedAuthorFeeds = paths.authorFeeds('फ़र्स्टपोस्ट'.normalize('NFC'))

// The author's and the site's comment feeds are built as the others are: one format of them will do.
const firstFormat = feedFormatIds[0] as FeedFormat

/**
 * The feeds and the public comments JSON: what readers poll and other sites may
 * read. Every format of src/feeds/formats.ts, so a new format is tested with the rest.
 */
export const feedRoutes = [
  ...Object.values(feedUrls(paths.siteFeeds)),
  feedUrls(seedAuthorFeeds)[firstFormat],
  feedUrls(paths.siteCommentFeeds)[firstFormat],
  commentsPath,
  ...Object.values(feedUrls(paths.commentFeeds(seedSlug))),
]

/** Every GET route that answers with a page or a feed of the seed site. */
export const getRoutes = [paths.home, paths.article(seedSlug), ...feedRoutes]
