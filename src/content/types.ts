/** A person or organisation credited on an article. */
export interface Author {
  name: string
  url?: string
}

/** Where a republished article first appeared. */
export interface Source {
  name: string
  url: string
}

/** An image in an article, served from /media/ (its first image is the article's lead image). */
export interface ArticleImage {
  /** Path on this site, e.g. /media/protest.jpg. */
  url: string
  width: number
  height: number
  /** Media type, e.g. image/jpeg. */
  type: string
  /** File size in bytes (RSS and Atom enclosures state it). */
  length: number
  alt: string
}

/** One validated article: everything but its body. */
export interface ArticleMeta {
  slug: string
  title: string
  summary: string
  language: string
  /** ISO 8601 with offset, exactly as written in the front matter. */
  published: string
  updated?: string
  authors: Author[]
  tags: string[]
  source?: Source
  comments: 'open' | 'closed'
  /** The first image of the body: og:image, and the feeds' image and enclosure. */
  image?: ArticleImage
}

/** An article with its body already rendered to safe HTML (what the build produces). */
export interface Article extends ArticleMeta {
  html: string
}

/** Site-wide settings from content/site.yaml. */
export interface SiteSettings {
  title: string
  description: string
  language: string
  idAuthority: string
  feedSize: number
  autoApproveComments: boolean
  /** Origins (scheme://host[:port]) allowed to POST comments from other sites. */
  commentOrigins: string[]
}

/**
 * What the bundle holds: the site settings and the shape of the archive, the
 * same size at 1 article and at 100,000. Articles, bodies, the home page's
 * pages, the feed and the sitemaps are static assets (see data-files.ts).
 */
export interface ContentManifest {
  site: SiteSettings
  articleCount: number
  /** Published or updated time of the newest article: every home page is as new as it. */
  newestArticle?: string
  /** The latest published or updated time of any article. */
  lastModified?: string
  /** How many shard files hold the articles (see shardOf). */
  shardCount: number
  /** Numbered sitemaps behind /sitemap.xml when it is an index; 0 when it is the only one. */
  sitemapFiles: number
}

/** One shard file: the articles whose slug hashes to it, by slug. */
export type ArticleShard = Record<string, Article>
