import type { LongDateFormat } from '../lib/long-date'
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
  /**
   * Who answers the site's, tags' and authors' feeds (site.yaml `feeds`): the Worker,
   * with live comment counts, or Cloudflare from files the build writes, without them
   * (scripts/content/static-feeds.ts).
   */
  feeds: FeedServing
  /** The site menu every page's header shows, in order (site.yaml `menu`). */
  menu: MenuLink[]
  /**
   * The tags the masthead's section menu links, in order, in NFC: site.yaml
   * `sections`, or when it is absent the tags most articles carry (see
   * scripts/content/sections.ts).
   */
  sections: string[]
}

/** Who answers the site's, tags' and authors' feeds: site.yaml `feeds`. */
export type FeedServing = 'worker' | 'static'

/** One link of the site menu: a path on this site (/about) or an http(s) URL. */
export interface MenuLink {
  label: string
  href: string
}

/**
 * A page of content/pages/<slug>.md, served at /<slug>: HTML only, in the
 * sitemap, never in a feed, without comments.
 */
export interface SitePage {
  slug: string
  title: string
  description?: string
  language: string
  /** ISO 8601 with offset, as written in the front matter. */
  updated?: string
  /** Kept only by a build for `npm start`; its page says so. */
  draft?: true
  html: string
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
  /** Its authors' names in NFC: the author lists and feeds it joins. */
  authors: string[]
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
  /**
   * The position its newest file (NewestEntries) starts at: the oldest entry
   * the subscription feed can show while the scheduled entries come out.
   */
  newestFrom: number
}

/** The kinds of list beside the site's: one per tag, and one per author. */
export type ListKind = 'tag' | 'author'

/** A list beside the site's: a tag's, or an author's, by the name in NFC. */
export interface ListName {
  kind: ListKind
  /** The tag, or the author's name, in NFC, as the URL names it once decoded and normalised. */
  name: string
}

/** A link on an author's page: `label` text, `url` an http(s) URL. */
export interface AuthorLink {
  label: string
  url: string
}

/** What an author's page says of them beside their articles. */
export interface AuthorProfile {
  /** The `url` the newest of their articles gives them in its front matter. */
  url?: string
  /** From content/authors/<slug>.yaml, when there is one. */
  bio?: string
  links: AuthorLink[]
}

/** What a story's card shows (src/pages/story-cards.tsx): a list entry without its summary and tags. */
export type StoryCard = Pick<
  ArticleMeta,
  'slug' | 'title' | 'language' | 'published' | 'updated' | 'authors' | 'image'
>

/** A tag's or an author's list head as the build writes it (dataFiles.listHead). */
export interface NamedListHead extends ListHead {
  list: ListName
  /** An author's profile; none for a tag. */
  author?: AuthorProfile
  /**
   * A tag's last entries as cards, oldest first: its scheduled ones and the
   * sectionCardCount + 1 before them, so "More in this section" under any of
   * its articles comes from the head the Worker reads anyway, not a chunk.
   */
  latest?: StoryCard[]
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
  /** The slugs of the pages (content/pages/), so an unknown path costs no asset read. */
  pages: string[]
  /** Long date formats by language, read from Intl at build time (src/lib/long-date.ts). */
  longDates: Record<string, LongDateFormat>
  /**
   * Only in a build for `npm start` whose content is invalid: what is wrong,
   * each `file:line: problem`. The rest is the last good build's (or an empty
   * site's); the Worker answers every request with these problems instead.
   */
  problems?: string[]
}

/**
 * A list's newest file: its entries from `head.newestFrom` to its end, oldest
 * first, with their bodies. It is what a subscription feed shows, in one file.
 */
export type NewestEntries = Article[]

/** One shard file: the articles whose slug hashes to it, by slug. */
export type ArticleShard = Record<string, Article>

/**
 * One file of the search index: each term that hashes to it, with the
 * site-list positions (oldest first, from 0) of the articles holding it, newest
 * first, written as gaps: the first position, then how far below the one
 * before each next one is (so most numbers are a digit or two).
 */
export type SearchShard = Record<string, number[]>
