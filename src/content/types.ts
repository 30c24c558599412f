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

/** One validated article with its body already rendered to safe HTML. */
export interface Article {
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

/** What the build step hands to the Worker. */
export interface CompiledContent {
  site: SiteSettings
  /** Newest first. */
  articles: Article[]
}
