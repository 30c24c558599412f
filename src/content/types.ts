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
 * What the build step hands to the Worker. Bodies of the newest `feedSize`
 * articles (the ones feeds carry) are inline; every body is also a static
 * asset, so the bundle and its startup do not grow with the archive.
 */
export interface CompiledContent {
  site: SiteSettings
  /** Newest first. */
  articles: ArticleMeta[]
  /** Body HTML of the newest `site.feedSize` articles, by slug. */
  recentBodies: Record<string, string>
}
