import { XMLParser } from 'fast-xml-parser'

/** A WordPress user as the export lists it (wp:author, WXR 1.1 and later). */
export interface WxrAuthor {
  login: string
  displayName: string
}

/** One comment, pingback or trackback of an item. */
export interface WxrComment {
  id: string
  author: string
  email: string
  url: string
  dateGmt: string
  date: string
  content: string
  /** 1, 0 (pending), spam, trash, post-trashed. */
  approved: string
  /** '' or comment (a comment), pingback, trackback, or a plugin's own type. */
  type: string
  /** The wp:comment_id of the comment replied to; 0 for none. */
  parent: string
}

/** A term of an item: `domain` is category, post_tag or another taxonomy. */
export interface WxrTerm {
  domain: string
  nicename: string
  name: string
}

/** One item of the channel: a post, page, attachment, menu item or other post type. */
export interface WxrItem {
  id: string
  title: string
  link: string
  pubDate: string
  creator: string
  content: string
  excerpt: string
  postDate: string
  postDateGmt: string
  modified: string
  modifiedGmt: string
  commentStatus: string
  name: string
  status: string
  type: string
  password: string
  terms: WxrTerm[]
  comments: WxrComment[]
  /** wp:post_parent: for an attachment, the post it was uploaded to; '0' for none. */
  parent: string
  /** wp:attachment_url: an attachment's file on the old site. */
  attachmentUrl: string
  /** wp:postmeta by key (the first value of each): _wp_attached_file, _wp_attachment_metadata… */
  meta: Record<string, string>
}

/** The whole export. */
export interface Wxr {
  version: string
  title: string
  link: string
  language: string
  authors: WxrAuthor[]
  items: WxrItem[]
}

/** The export cannot be read; the message says why. */
export class WxrError extends Error {}

type Node = Record<string, unknown>

// Elements that may repeat; fast-xml-parser makes them arrays even when there is one.
const repeated = new Set(['item', 'category', 'comment', 'author', 'postmeta', 'commentmeta'])

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Ids such as 0123 and titles such as 1e5 stay text.
  parseTagValue: false,
  parseAttributeValue: false,
  // Plain (non-CDATA) values carry &#8217; and the like; CDATA is left as written.
  htmlEntities: true,
  isArray: (name) => repeated.has(localName(name)),
})

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1)
}

/**
 * The namespaces WXR uses, each matched by URI in every form seen in real exports:
 * http and https, versions 1.0, 1.1 and 1.2, with or without the trailing slash.
 */
const namespaces = {
  wp: /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/?$/,
  excerpt: /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/?$/,
  content: /^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/,
  dc: /^https?:\/\/purl\.org\/dc\/elements\/1\.1\/?$/,
}
type Namespace = keyof typeof namespaces

/** The prefix each namespace is bound to in this file (the usual one if it declares none). */
function prefixes(...scopes: Node[]): Record<Namespace, string> {
  const found: Record<Namespace, string> = {
    wp: 'wp',
    excerpt: 'excerpt',
    content: 'content',
    dc: 'dc',
  }
  for (const scope of scopes) {
    for (const [attribute, uri] of Object.entries(scope)) {
      if (!attribute.startsWith('@_xmlns:') || typeof uri !== 'string') continue
      for (const [ns, pattern] of Object.entries(namespaces)) {
        if (pattern.test(uri)) found[ns as Namespace] = attribute.slice('@_xmlns:'.length)
      }
    }
  }
  return found
}

/** The text of an element, whether it was plain, CDATA or both. */
function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return text(value[0])
  if (typeof value === 'object') return text((value as Node)['#text'])
  return String(value)
}

function list(value: unknown): Node[] {
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).filter(
    (entry): entry is Node => typeof entry === 'object' && entry !== null,
  )
}

/** An item's categories and tags; WXR 1.0 also lists categories bare, without a domain. */
function terms(value: unknown): WxrTerm[] {
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map((term: unknown) =>
    typeof term === 'object' && term !== null
      ? {
          domain: text((term as Node)['@_domain']) || 'category',
          nicename: text((term as Node)['@_nicename']),
          name: text(term),
        }
      : { domain: 'category', nicename: '', name: text(term) },
  )
}

/** Reads a WXR document (any version from 1.0 to 1.2). */
export function parseWxr(xml: string): Wxr {
  let document: Node
  try {
    document = parser.parse(xml, true) as Node
  } catch (error) {
    throw new WxrError(`not well-formed XML: ${(error as Error).message}`)
  }
  const rss = list(document.rss)[0]
  const channel = rss ? list(rss.channel)[0] : undefined
  if (!rss || !channel) throw new WxrError('not a WordPress export: no <rss><channel>')
  const ns = prefixes(rss, channel)
  const wp = (node: Node, name: string) => text(node[`${ns.wp}:${name}`])
  const version = wp(channel, 'wxr_version')
  if (!version) throw new WxrError('not a WordPress export: no <wp:wxr_version>')

  const authors = list(channel[`${ns.wp}:author`]).map((node) => ({
    login: wp(node, 'author_login'),
    displayName: wp(node, 'author_display_name'),
  }))

  const items = list(channel.item).map(
    (node): WxrItem => ({
      id: wp(node, 'post_id'),
      title: text(node.title),
      link: text(node.link),
      pubDate: text(node.pubDate),
      creator: text(node[`${ns.dc}:creator`]),
      content: text(node[`${ns.content}:encoded`]),
      excerpt: text(node[`${ns.excerpt}:encoded`]),
      postDate: wp(node, 'post_date'),
      postDateGmt: wp(node, 'post_date_gmt'),
      modified: wp(node, 'post_modified'),
      modifiedGmt: wp(node, 'post_modified_gmt'),
      commentStatus: wp(node, 'comment_status'),
      name: wp(node, 'post_name'),
      status: wp(node, 'status'),
      type: wp(node, 'post_type'),
      password: wp(node, 'post_password'),
      terms: terms(node.category),
      parent: wp(node, 'post_parent') || '0',
      attachmentUrl: wp(node, 'attachment_url'),
      meta: Object.fromEntries(
        list(node[`${ns.wp}:postmeta`])
          .map((entry) => [wp(entry, 'meta_key'), wp(entry, 'meta_value')])
          .reverse(),
      ),
      comments: list(node[`${ns.wp}:comment`]).map((comment) => ({
        id: wp(comment, 'comment_id'),
        author: wp(comment, 'comment_author'),
        email: wp(comment, 'comment_author_email'),
        url: wp(comment, 'comment_author_url'),
        dateGmt: wp(comment, 'comment_date_gmt'),
        date: wp(comment, 'comment_date'),
        content: wp(comment, 'comment_content'),
        approved: wp(comment, 'comment_approved'),
        type: wp(comment, 'comment_type'),
        parent: wp(comment, 'comment_parent') || '0',
      })),
    }),
  )

  return {
    version,
    title: text(channel.title),
    link: text(channel.link),
    language: text(channel.language),
    authors,
    items,
  }
}
