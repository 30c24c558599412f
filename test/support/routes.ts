import { seed } from './seed'

/** Every GET route that answers with a page or a feed of the seed site. */
export const getRoutes = [
  '/',
  `/articles/${seed.slug}`,
  '/feed.xml',
  '/atom.xml',
  '/feed.json',
  `/articles/${seed.slug}/comments`,
  `/articles/${seed.slug}/comments/feed.xml`,
  `/articles/${seed.slug}/comments/atom.xml`,
  `/articles/${seed.slug}/comments/feed.json`,
]
