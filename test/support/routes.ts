import { commentsPath } from './comments'
import { seed } from './seed'

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
export const getRoutes = ['/', `/articles/${seed.slug}`, ...feedRoutes]
