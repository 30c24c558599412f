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
  /**
   * Marked `draft: true`: only a build for `npm start` (CONTENT_INCLUDE_DRAFTS=1)
   * keeps it, and its page says so; a deployable build leaves it out entirely.
   */
  draft?: true
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
  /** The WebSub hub the subscription feeds name and the Worker notifies (site.yaml `websub_hub`). */
  websubHub?: string
}

/**
 * An article that was still ahead of the build's clock: the Worker hides it
 * until `published`, then shows it without a deploy. Scheduled articles are
 * always the newest of every list they are in (a future time sorts first).
 */
export interface ScheduledArticle {
  slug: string
  published: string
  /** Its updated time, or published: what Last-Modified becomes when it comes out. */
  modified: string
  /** Its tags in NFC: the tag lists and tag feeds it joins. */
  tags: string[]
}

/**
 * The head of one list of articles (the whole site, or one tag), oldest first:
 * how many there are, and the scheduled ones among them, which are its last
 * entries. Its metas are in chunks of listChunkSize (data-files.ts).
 */
export interface ListHead {
  count: number
  /** `published` of the scheduled entries, oldest first: entry count - scheduled.length + i. */
  scheduled: string[]
}

/** A tag's list head as the build writes it (dataFiles.tagHead). */
export interface TagHead extends ListHead {
  /** The tag in NFC, as the URL names it once decoded and normalised. */
  tag: string
}

/**
 * What the bundle holds: the site settings and the shape of the archive, the
 * same size at 1 article and at 100,000. Articles, bodies, the home page's
 * pages, the feed and the sitemaps are static assets (see data-files.ts).
 */
export interface ContentManifest {
  site: SiteSettings
  /** The whole site's list of articles, scheduled ones included. */
  articles: ListHead
  /** Articles ahead of the build's clock, oldest first (few: the bundle holds them). */
  scheduled: ScheduledArticle[]
  /** The latest published or updated time of any article already out at build time. */
  lastModified?: string
  /** How many shard files hold the articles (see shardOf). */
  shardCount: number
  /** Numbered sitemaps behind /sitemap.xml when it is an index; 0 when it is the only one. */
  sitemapFiles: number
  /**
   * Only in a build for `npm start` whose content is invalid: what is wrong,
   * each `file:line: problem`. The rest is the last good build's (or an empty
   * site's); the Worker answers every request with these problems instead.
   */
  problems?: string[]
}

/** One shard file: the articles whose slug hashes to it, by slug. */
export type ArticleShard = Record<string, Article>
