/*
 * The strictest feed validation this repository can run offline, standing in for the W3C
 * Feed Validation Service (which cannot be installed here):
 * - Atom: the RELAX NG schema of RFC 4287 Appendix B (atom.rng) run by libxml2, plus the
 *   RFC's two Schematron rules and the W3C validator's Atom errors and warnings that no
 *   schema expresses;
 * - RSS 2.0: the rules of the RSS 2.0 specification (rssboard.org) that the W3C validator
 *   reports as errors or warnings, for the elements and modules our feeds use;
 * - JSON Feed 1.1: the schema (validators.ts) plus the paging rules the schema leaves out;
 * - for all three, RFC 5005 (archived feeds) and RFC 4685 (threading).
 * Every check returns problems as text instead of stopping at the first, so one run names
 * everything wrong with a document; a warning counts as much as an error. The warnings
 * are the W3C validator's own (src/feedvalidator in its source), each named where it is
 * checked.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { validateXML } from 'xmllint-wasm'
import { type FeedFormat, feedFormatIds, feedFormats } from '../../src/feeds/formats'
import { assertValidJsonFeed, assertWellFormedXml } from './validators'
import { allElements, childrenNamed, parseXmlTree, type XmlElement } from './xml-tree'

const ns = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  fh: 'http://purl.org/syndication/history/1.0',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  thr: 'http://purl.org/syndication/thread/1.0',
  wfw: 'http://wellformedweb.org/CommentAPI/',
} as const

const atomSchema = readFileSync(new URL('./atom.rng', import.meta.url), 'utf8')

// --- values -----------------------------------------------------------------------------

/** An absolute http(s) URL: what every link of a feed must be, as readers resolve nothing. */
function isAbsoluteHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false
  const { protocol } = new URL(value)
  return protocol === 'http:' || protocol === 'https:'
}

// RFC 4151: tag:<authority>,<date>:<specific>; the W3C validator checks tag: ids against it.
const tagUri =
  /^tag:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|[^@\s]+@[a-z0-9.-]+),\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*(?:#[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?$/

/** An id: an absolute URI, and a well-formed one when it is a tag: URI. */
function idProblem(id: string): string | undefined {
  if (id.startsWith('tag:')) return tagUri.test(id) ? undefined : 'is not an RFC 4151 tag: URI'
  return URL.canParse(id) ? undefined : 'is not an absolute URI'
}

// BCP 47 as the W3C validator checks language codes: a 2–3 letter primary tag and subtags.
const languageTag = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/

// RFC 3339 as Atom (section 3.3) and JSON Feed require it: upper-case T and Z, a time zone.
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

function rfc3339Problem(value: string): string | undefined {
  if (!rfc3339.test(value) || Number.isNaN(Date.parse(value))) return 'is not an RFC 3339 date'
  return undefined
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
// RFC 822 as amended by RFC 1123, the form the W3C validator accepts without a warning: a
// day name, a four-digit year, seconds, and GMT or a numeric zone (not UT, Z or military).
const rfc822 = new RegExp(
  `^(${weekdays.join('|')}), (\\d{2}) (${months.join('|')}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (GMT|[+-]\\d{4})$`,
)

function rfc822Problem(value: string): string | undefined {
  const match = rfc822.exec(value)
  if (!match) return 'is not an RFC 822 date with a day name and a four-digit year'
  const [, weekday, day, month, year, hour, minute, second] = match.map(String)
  const date = new Date(Date.UTC(Number(year), months.indexOf(month ?? ''), Number(day)))
  if (
    date.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return 'is not a real date and time'
  }
  // The day name must be the date's own (the W3C validator's IncorrectDOW).
  if (weekdays[date.getUTCDay()] !== weekday) return `names the wrong day (${weekday})`
  return undefined
}

// The link relations of the IANA registry a feed of ours may use; any other must be a URI.
const registeredRels = new Set([
  'alternate',
  'current',
  'enclosure',
  'first',
  'hub',
  'last',
  'license',
  'next',
  'next-archive',
  'prev-archive',
  'previous',
  'related',
  'replies',
  'self',
  'via',
])

/** Problems of HTML carried as text: what the W3C validator warns of in descriptions and content. */
function htmlProblems(html: string, where: string): string[] {
  const problems: string[] = []
  for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const name = /^<([a-zA-Z][a-zA-Z0-9]*)/.exec(tag)?.[1]?.toLowerCase() ?? ''
    if (
      /^(script|iframe|object|embed|applet|form|meta|link|style|base|frame|frameset)$/.test(name)
    ) {
      problems.push(`${where} contains potentially dangerous markup <${name}>`)
    }
    for (const [, attribute, ...values] of tag.matchAll(
      /\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g,
    )) {
      const name = attribute?.toLowerCase() ?? ''
      const value = values.find((v) => v !== undefined) ?? ''
      if (name.startsWith('on') || name === 'style') {
        problems.push(`${where} contains potentially dangerous attribute ${name}`)
      }
      if ((name === 'href' || name === 'src') && !URL.canParse(value)) {
        problems.push(`${where} contains a relative URL reference ${name}="${value}"`)
      }
      if ((name === 'href' || name === 'src') && /^\s*javascript:/i.test(value)) {
        problems.push(`${where} contains a javascript: URL`)
      }
    }
  }
  return problems
}

const blank = (text: string) => text.trim() === ''

/**
 * Text not in Unicode NFC (W3C Character Model): a tag written decomposed in one article and
 * composed in another must reach readers as one string.
 */
function nfcProblems(root: XmlElement): string[] {
  const problems: string[] = []
  for (const element of allElements(root)) {
    for (const value of [element.text, ...element.attributes.values()]) {
      if (value.normalize('NFC') !== value)
        problems.push(`${element.qname} has text not in NFC: ${value}`)
    }
  }
  return problems
}

/**
 * What the W3C validator reports of an element that holds plain text (its `nonhtml`
 * check): an HTML end tag in the text (ContainsHTML, "title should not contain HTML",
 * whatever the escaping), and, unless the element is written with hexadecimal character
 * references, something that reads as an entity (`&amp`, `&#38`) or, in RSS 2.0, as a
 * tag or a numeric reference (the RSS Profile's CharacterData: 'Encode "&" and "<" in
 * plain text using hexadecimal character references'). Stricter than the validator in
 * one way: any `</name>` and any `&name` count, not only HTML's own names.
 */
function plainTextProblems(element: XmlElement, where: string, rss: boolean): string[] {
  const { text, raw } = element
  const endTag = /<\/(\w+)>/.exec(text)
  if (endTag) return [`${where} should not contain HTML (</${endTag[1]}>)`]
  if (raw.includes('&#x')) return []
  const reference = /&#?\w+/.exec(text)
  if (reference) return [`${where} should not contain HTML (${reference[0]})`]
  if (rss && /&#[x0-9]|<[/a-zA-Z]/.test(text)) {
    return [`${where}: encode "&" and "<" in plain text using hexadecimal character references`]
  }
  return []
}

// --- RFC 5005 and RFC 4685, shared by both XML formats --------------------------------------

const historyRels = ['current', 'prev-archive', 'next-archive']

/**
 * The archived-feed parts of a feed or channel: fh:archive empty, an archive document that
 * names its current feed, every history link absolute, of the document's own type, once.
 */
function historyProblems(
  container: XmlElement,
  links: XmlElement[],
  type: string,
  where: string,
): string[] {
  const problems: string[] = []
  const archive = childrenNamed(container, ns.fh, 'archive')
  if (archive.length > 1) problems.push(`${where} has fh:archive more than once`)
  for (const element of archive) {
    if (element.children.length > 0 || !blank(element.text)) {
      problems.push(`${where}: fh:archive must be empty`)
    }
  }
  for (const rel of historyRels) {
    const withRel = links.filter((link) => link.attributes.get('rel') === rel)
    if (withRel.length > 1) problems.push(`${where} has ${withRel.length} ${rel} links`)
    for (const link of withRel) {
      const href = link.attributes.get('href') ?? ''
      if (!isAbsoluteHttpUrl(href)) problems.push(`${where}: ${rel} href "${href}" is not absolute`)
      if (link.attributes.get('type') !== type) {
        problems.push(`${where}: ${rel} link is not of type ${type}`)
      }
    }
  }
  const hasLink = (rel: string) => links.some((link) => link.attributes.get('rel') === rel)
  if (archive.length > 0 && !hasLink('current')) {
    problems.push(`${where} is an archive document without a current link`)
  }
  // The W3C validator's ArchiveIncomplete: an archive document links on (prev-archive or
  // next-archive) or is marked fh:complete (RFC 5005 sections 2 and 4).
  const complete = childrenNamed(container, ns.fh, 'complete').length > 0
  if (archive.length > 0 && !hasLink('prev-archive') && !hasLink('next-archive') && !complete) {
    problems.push(
      `${where}: archive incomplete (neither prev-archive, next-archive nor fh:complete)`,
    )
  }
  if (archive.length === 0 && (hasLink('current') || hasLink('next-archive'))) {
    problems.push(`${where} links current or next-archive but is not marked fh:archive`)
  }
  return problems
}

/** The parts of an atom:link (in Atom or in RSS) that the W3C validator checks. */
function linkProblems(link: XmlElement, where: string): string[] {
  const problems: string[] = []
  const href = link.attributes.get('href')
  const rel = link.attributes.get('rel') ?? 'alternate'
  const type = link.attributes.get('type')
  if (href === undefined) problems.push(`${where}: link without href`)
  else if (!isAbsoluteHttpUrl(href)) problems.push(`${where}: link href "${href}" is not absolute`)
  if (!registeredRels.has(rel) && !isAbsoluteHttpUrl(rel)) {
    problems.push(`${where}: link rel "${rel}" is neither registered nor a URI`)
  }
  if (type !== undefined && !/^[\w.+-]+\/[\w.+-]+(?:;.*)?$/.test(type)) {
    problems.push(`${where}: link type "${type}" is not a media type`)
  }
  const length = link.attributes.get('length')
  if (length !== undefined && !/^\d+$/.test(length)) {
    problems.push(`${where}: link length "${length}" is not a number of bytes`)
  }
  if (rel === 'enclosure' && (length === undefined || type === undefined)) {
    problems.push(`${where}: enclosure link without length or type`)
  }
  const count = link.attributes.get(`{${ns.thr}}count`)
  if (count !== undefined && !/^\d+$/.test(count)) {
    problems.push(`${where}: thr:count "${count}" is not a non-negative integer`)
  }
  return problems
}

/** The self link: present once, the document's own address, of the document's own type. */
function selfProblems(links: XmlElement[], url: string, type: string, where: string): string[] {
  const self = links.filter((link) => link.attributes.get('rel') === 'self')
  if (self.length !== 1) return [`${where} has ${self.length} self links, not 1`]
  const problems: string[] = []
  const href = self[0]?.attributes.get('href')
  if (href !== url) problems.push(`${where}: self link ${href} is not the document's URL ${url}`)
  const selfType = self[0]?.attributes.get('type')
  if (selfType !== undefined && selfType !== type) {
    problems.push(`${where}: self link type ${selfType} is not ${type}`)
  }
  return problems
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))]
}

// --- Atom -------------------------------------------------------------------------------

/** The errors libxml2 finds validating `xml` against RFC 4287's RELAX NG schema. */
async function atomSchemaProblems(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'feed.atom', contents: xml },
    schema: { fileName: 'atom.rng', contents: atomSchema },
    extension: 'relaxng',
  })
  return result.valid ? [] : result.errors.map((error) => `RELAX NG: ${error.rawMessage}`)
}

function atomLinks(element: XmlElement): XmlElement[] {
  return childrenNamed(element, ns.atom, 'link')
}

/** RFC 4287 4.1.1 and 4.1.2: no two alternate links with the same type and hreflang. */
function alternateProblems(links: XmlElement[], where: string): string[] {
  const keys = links
    .filter((link) => (link.attributes.get('rel') ?? 'alternate') === 'alternate')
    .map((link) => `${link.attributes.get('type') ?? ''}|${link.attributes.get('hreflang') ?? ''}`)
  return duplicates(keys).map((key) => `${where} has two alternate links of type|hreflang ${key}`)
}

function atomEntryProblems(entry: XmlElement, feedHasAuthor: boolean, where: string): string[] {
  const problems: string[] = []
  const links = atomLinks(entry)
  const content = childrenNamed(entry, ns.atom, 'content')
  // RFC 4287 Appendix B, Schematron rules of atom:entry.
  if (!links.some((l) => (l.attributes.get('rel') ?? 'alternate') === 'alternate') && !content[0]) {
    problems.push(`${where} has neither an alternate link nor content`)
  }
  const hasAuthor =
    childrenNamed(entry, ns.atom, 'author').length > 0 ||
    childrenNamed(entry, ns.atom, 'source').some((s) => childrenNamed(s, ns.atom, 'author')[0])
  if (!hasAuthor && !feedHasAuthor) problems.push(`${where} has no author and its feed has none`)
  // RFC 4287 4.1.1.1: an entry with out-of-line content must carry a summary.
  if (content[0]?.attributes.has('src') && !childrenNamed(entry, ns.atom, 'summary')[0]) {
    problems.push(`${where} has out-of-line content but no summary`)
  }
  problems.push(...alternateProblems(links, where))
  for (const inReplyTo of childrenNamed(entry, ns.thr, 'in-reply-to')) {
    const ref = inReplyTo.attributes.get('ref')
    if (!ref || idProblem(ref)) problems.push(`${where}: thr:in-reply-to ref "${ref}" is not a URI`)
    const href = inReplyTo.attributes.get('href')
    if (href !== undefined && !isAbsoluteHttpUrl(href)) {
      problems.push(`${where}: thr:in-reply-to href "${href}" is not absolute`)
    }
  }
  return problems
}

/** Problems of an Atom document served at `url`; none means valid with no warnings. */
export async function atomProblems(xml: string, url: string): Promise<string[]> {
  const problems = await atomSchemaProblems(xml)
  const { root, undeclaredPrefixes } = parseXmlTree(xml)
  problems.push(...undeclaredPrefixes.map((prefix) => `prefix ${prefix}: is not declared`))
  if (root.ns !== ns.atom || root.local !== 'feed')
    return [...problems, 'the root is not atom:feed']
  const links = atomLinks(root)
  problems.push(...selfProblems(links, url, 'application/atom+xml', 'feed'))
  if (!links.some((l) => (l.attributes.get('rel') ?? 'alternate') === 'alternate')) {
    problems.push('feed has no alternate link to the site')
  }
  problems.push(...alternateProblems(links, 'feed'))
  problems.push(...historyProblems(root, links, 'application/atom+xml', 'feed'))
  const entries = childrenNamed(root, ns.atom, 'entry')
  const feedHasAuthor = childrenNamed(root, ns.atom, 'author').length > 0
  entries.forEach((entry, i) => {
    problems.push(...atomEntryProblems(entry, feedHasAuthor, `entry ${i + 1}`))
  })
  const ids = entries.map((entry) => childrenNamed(entry, ns.atom, 'id')[0]?.text.trim() ?? '')
  problems.push(...duplicates(ids).map((id) => `two entries share the id ${id}`))
  for (const element of allElements(root)) {
    const where = element.parent ? `${element.parent.qname}/${element.qname}` : element.qname
    if (element.ns === ns.atom) {
      if (element.local === 'link') problems.push(...linkProblems(element, where))
      if (element.local === 'id') {
        const problem = idProblem(element.text.trim())
        if (problem) problems.push(`${where} "${element.text}" ${problem}`)
      }
      if (['updated', 'published'].includes(element.local)) {
        const problem = rfc3339Problem(element.text)
        if (problem) problems.push(`${where} "${element.text}" ${problem}`)
      }
      if (['id', 'name', 'title'].includes(element.local) && blank(element.text)) {
        problems.push(`${where} is blank`)
      }
      if (['uri', 'icon', 'logo'].includes(element.local) && !isAbsoluteHttpUrl(element.text)) {
        problems.push(`${where} "${element.text}" is not an absolute URL`)
      }
      if (element.local === 'category' && blank(element.attributes.get('term') ?? '')) {
        problems.push(`${where} has a blank term`)
      }
      if (element.attributes.get('type') === 'html') {
        problems.push(...htmlProblems(element.text, where))
      }
      const textConstruct = ['title', 'subtitle', 'rights'].includes(element.local)
      const type = element.attributes.get('type') ?? 'text'
      if ((textConstruct && type === 'text') || element.local === 'name') {
        problems.push(...plainTextProblems(element, where, false))
      }
    }
  }
  const updated = childrenNamed(root, ns.atom, 'updated')[0]?.text
  for (const [i, entry] of entries.entries()) {
    const entryUpdated = childrenNamed(entry, ns.atom, 'updated')[0]?.text
    if (updated && entryUpdated && Date.parse(entryUpdated) > Date.parse(updated)) {
      problems.push(`entry ${i + 1} was updated after its feed (${entryUpdated} > ${updated})`)
    }
  }
  return problems
}

// --- RSS 2.0 ----------------------------------------------------------------------------

// RSS 2.0's channel and item elements, with those that may appear more than once.
const channelElements = new Set([
  'title',
  'link',
  'description',
  'language',
  'copyright',
  'managingEditor',
  'webMaster',
  'pubDate',
  'lastBuildDate',
  'category',
  'generator',
  'docs',
  'cloud',
  'ttl',
  'image',
  'rating',
  'textInput',
  'skipHours',
  'skipDays',
  'item',
])
const itemElements = new Set([
  'title',
  'link',
  'description',
  'author',
  'category',
  'comments',
  'enclosure',
  'guid',
  'pubDate',
  'source',
])
const repeatable = new Set(['category', 'item'])

// The module elements our feeds may use, by namespace: anything else is undefined there.
const moduleElements: Record<string, Set<string>> = {
  [ns.atom]: new Set(['link']),
  [ns.content]: new Set(['encoded']),
  [ns.dc]: new Set(['creator', 'language', 'date', 'subject', 'rights', 'contributor']),
  [ns.fh]: new Set(['archive', 'complete']),
  [ns.slash]: new Set(['comments']),
  [ns.wfw]: new Set(['commentRss', 'comment']),
}

// Pairs the W3C validator warns of as DuplicateSemantics: the same fact said twice.
const sameMeaning: Array<[string, string]> = [
  ['author', 'creator'],
  ['pubDate', 'date'],
  ['category', 'subject'],
  ['language', 'language'],
  ['copyright', 'rights'],
]

function rssChildrenProblems(element: XmlElement, allowed: Set<string>, where: string): string[] {
  const problems: string[] = []
  const core = element.children.filter((child) => child.ns === '')
  for (const child of core) {
    if (!allowed.has(child.local)) problems.push(`${where} has undefined element <${child.local}>`)
  }
  const names = core.map((child) => child.local).filter((name) => !repeatable.has(name))
  problems.push(...duplicates(names).map((name) => `${where} has <${name}> more than once`))
  for (const child of element.children.filter((c) => c.ns !== '')) {
    if (!moduleElements[child.ns]?.has(child.local)) {
      problems.push(`${where} has undefined element ${child.qname} (namespace ${child.ns})`)
    }
  }
  for (const [coreName, dcName] of sameMeaning) {
    if (core.some((c) => c.local === coreName) && childrenNamed(element, ns.dc, dcName)[0]) {
      problems.push(`${where} has both <${coreName}> and dc:${dcName}`)
    }
  }
  return problems
}

/** One RSS element's text, required once and non-blank. */
function requiredText(element: XmlElement, name: string, where: string): string[] {
  const found = childrenNamed(element, '', name)
  if (found.length === 0) return [`${where} is missing <${name}>`]
  return found.some((f) => blank(f.text)) ? [`${where} has a blank <${name}>`] : []
}

function rssItemProblems(item: XmlElement, where: string): string[] {
  const problems = rssChildrenProblems(item, itemElements, where)
  // The W3C validator's NeedDescriptionBeforeContent: readers that know no content module
  // show the description, so an item with content:encoded carries one, and first.
  const encoded = item.children.findIndex((c) => c.ns === ns.content && c.local === 'encoded')
  const description = item.children.findIndex((c) => c.ns === '' && c.local === 'description')
  if (encoded >= 0 && (description < 0 || description > encoded)) {
    problems.push(`${where}: ensure description precedes content:encoded`)
  }
  for (const element of [
    ...childrenNamed(item, '', 'title'),
    ...childrenNamed(item, '', 'category'),
  ]) {
    problems.push(...plainTextProblems(element, `${where} <${element.local}>`, true))
  }
  const text = (name: string) => childrenNamed(item, '', name)[0]?.text
  if (!childrenNamed(item, '', 'title')[0] && !childrenNamed(item, '', 'description')[0]) {
    problems.push(`${where} has neither title nor description`)
  }
  for (const name of ['title', 'description']) {
    const value = text(name)
    if (value !== undefined && blank(value)) problems.push(`${where} has a blank <${name}>`)
  }
  for (const name of ['link', 'comments']) {
    const value = text(name)
    if (value !== undefined && !isAbsoluteHttpUrl(value.trim())) {
      problems.push(`${where}: <${name}> "${value}" is not an absolute URL`)
    }
  }
  const guid = childrenNamed(item, '', 'guid')[0]
  if (!guid) problems.push(`${where} has no guid`)
  else {
    const permaLink = guid.attributes.get('isPermaLink') ?? 'true'
    if (permaLink !== 'true' && permaLink !== 'false') {
      problems.push(`${where}: guid isPermaLink="${permaLink}" is neither true nor false`)
    }
    if (permaLink === 'true' && !isAbsoluteHttpUrl(guid.text.trim())) {
      problems.push(`${where}: guid "${guid.text}" is not a URL but lacks isPermaLink="false"`)
    }
    if (blank(guid.text)) problems.push(`${where} has a blank guid`)
  }
  const pubDate = text('pubDate')
  const dateProblem = pubDate === undefined ? undefined : rfc822Problem(pubDate)
  if (dateProblem) problems.push(`${where}: pubDate "${pubDate}" ${dateProblem}`)
  const author = text('author')
  if (author !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+(?: \(.+\))?$/.test(author)) {
    problems.push(`${where}: <author> "${author}" is not an e-mail address`)
  }
  for (const category of childrenNamed(item, '', 'category')) {
    if (blank(category.text)) problems.push(`${where} has a blank <category>`)
  }
  for (const enclosure of childrenNamed(item, '', 'enclosure')) {
    const { attributes } = enclosure
    if (!isAbsoluteHttpUrl(attributes.get('url') ?? '')) {
      problems.push(`${where}: enclosure url is missing or not absolute`)
    }
    if (!/^\d+$/.test(attributes.get('length') ?? '')) {
      problems.push(`${where}: enclosure length is missing or not a number`)
    }
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(attributes.get('type') ?? '')) {
      problems.push(`${where}: enclosure type is missing or not a media type`)
    }
  }
  const source = childrenNamed(item, '', 'source')[0]
  if (source && !isAbsoluteHttpUrl(source.attributes.get('url') ?? '')) {
    problems.push(`${where}: <source> has no absolute url`)
  }
  for (const html of [text('description'), childrenNamed(item, ns.content, 'encoded')[0]?.text]) {
    if (html !== undefined) problems.push(...htmlProblems(html, where))
  }
  for (const creator of childrenNamed(item, ns.dc, 'creator')) {
    if (blank(creator.text)) problems.push(`${where} has a blank dc:creator`)
  }
  for (const language of childrenNamed(item, ns.dc, 'language')) {
    if (!languageTag.test(language.text)) {
      problems.push(`${where}: dc:language "${language.text}" is not a language code`)
    }
  }
  for (const commentRss of childrenNamed(item, ns.wfw, 'commentRss')) {
    if (!isAbsoluteHttpUrl(commentRss.text.trim())) {
      problems.push(`${where}: wfw:commentRss "${commentRss.text}" is not an absolute URL`)
    }
  }
  for (const count of childrenNamed(item, ns.slash, 'comments')) {
    if (!/^\d+$/.test(count.text)) {
      problems.push(`${where}: slash:comments "${count.text}" is not a non-negative integer`)
    }
  }
  return problems
}

/** Problems of an RSS 2.0 document served at `url`; none means valid with no warnings. */
export function rssProblems(xml: string, url: string): string[] {
  const { root, undeclaredPrefixes } = parseXmlTree(xml)
  const problems = undeclaredPrefixes.map((prefix) => `prefix ${prefix}: is not declared`)
  if (root.ns !== '' || root.local !== 'rss') return [...problems, 'the root is not <rss>']
  problems.push(...nfcProblems(root))
  if (root.attributes.get('version') !== '2.0') problems.push('<rss> has no version="2.0"')
  const channels = childrenNamed(root, '', 'channel')
  const [channel] = channels
  if (!channel || channels.length !== 1 || root.children.length !== 1) {
    return [...problems, '<rss> must hold exactly one <channel> and nothing else']
  }
  problems.push(...rssChildrenProblems(channel, channelElements, 'channel'))
  for (const name of ['title', 'link', 'description']) {
    problems.push(...requiredText(channel, name, 'channel'))
  }
  for (const element of [
    ...childrenNamed(channel, '', 'title'),
    ...childrenNamed(channel, '', 'description'),
    ...childrenNamed(channel, '', 'category'),
  ]) {
    problems.push(...plainTextProblems(element, `channel <${element.local}>`, true))
  }
  const text = (name: string) => childrenNamed(channel, '', name)[0]?.text
  const link = text('link')
  if (link !== undefined && !isAbsoluteHttpUrl(link.trim())) {
    problems.push(`channel <link> "${link}" is not an absolute URL`)
  }
  const language = text('language')
  if (language !== undefined && !languageTag.test(language)) {
    problems.push(`channel <language> "${language}" is not a language code`)
  }
  for (const name of ['pubDate', 'lastBuildDate']) {
    const value = text(name)
    const problem = value === undefined ? undefined : rfc822Problem(value)
    if (problem) problems.push(`channel <${name}> "${value}" ${problem}`)
  }
  const docs = text('docs')
  if (docs !== undefined && !isAbsoluteHttpUrl(docs)) problems.push('channel <docs> is not a URL')
  const ttl = text('ttl')
  if (ttl !== undefined && !/^\d+$/.test(ttl)) problems.push('channel <ttl> is not a number')
  const links = childrenNamed(channel, ns.atom, 'link')
  problems.push(...selfProblems(links, url, 'application/rss+xml', 'channel'))
  links.forEach((l, i) => {
    problems.push(...linkProblems(l, `channel atom:link ${i + 1}`))
  })
  problems.push(...historyProblems(channel, links, 'application/rss+xml', 'channel'))
  // The W3C validator's MisplacedItem: items come after everything else in the channel.
  const firstItem = channel.children.findIndex((c) => c.ns === '' && c.local === 'item')
  if (
    firstItem >= 0 &&
    channel.children.slice(firstItem).some((c) => !(c.ns === '' && c.local === 'item'))
  ) {
    problems.push('channel has elements after its first <item>')
  }
  const items = childrenNamed(channel, '', 'item')
  items.forEach((item, i) => {
    problems.push(...rssItemProblems(item, `item ${i + 1}`))
  })
  const guids = items.map((item) => childrenNamed(item, '', 'guid')[0]?.text.trim() ?? '')
  problems.push(...duplicates(guids).map((guid) => `two items share the guid ${guid}`))
  return problems
}

// --- JSON Feed --------------------------------------------------------------------------

interface JsonFeedShape {
  feed_url?: string
  home_page_url?: string
  next_url?: string
  items?: Array<{
    id?: string
    url?: string
    content_html?: string
    date_published?: string
    date_modified?: string
  }>
}

/** Problems, beyond the 1.1 schema, of a JSON Feed served at `url`. */
export function jsonFeedProblems(feed: JsonFeedShape, url: string): string[] {
  const problems: string[] = []
  if (feed.feed_url !== url) problems.push(`feed_url ${feed.feed_url} is not the document's URL`)
  if (feed.home_page_url !== undefined && !isAbsoluteHttpUrl(feed.home_page_url)) {
    problems.push(`home_page_url ${feed.home_page_url} is not absolute`)
  }
  if (feed.next_url !== undefined) {
    if (!isAbsoluteHttpUrl(feed.next_url))
      problems.push(`next_url ${feed.next_url} is not absolute`)
    // A next_url equal to feed_url sends a reader paging older items round in a loop.
    if (feed.next_url === feed.feed_url) problems.push('next_url is the feed_url itself')
  }
  const notNfc = JSON.stringify(feed).normalize('NFC') !== JSON.stringify(feed)
  if (notNfc) problems.push('the feed has text not in NFC')
  const items = feed.items ?? []
  items.forEach((item, i) => {
    const where = `item ${i + 1}`
    if (item.url !== undefined && !isAbsoluteHttpUrl(item.url)) {
      problems.push(`${where}: url ${item.url} is not absolute`)
    }
    for (const date of [item.date_published, item.date_modified]) {
      const problem = date === undefined ? undefined : rfc3339Problem(date)
      if (problem) problems.push(`${where}: date ${date} ${problem}`)
    }
    if (item.content_html !== undefined) problems.push(...htmlProblems(item.content_html, where))
  })
  const ids = items.map((item) => item.id ?? '')
  problems.push(...duplicates(ids).map((id) => `two items share the id ${id}`))
  return problems
}

// --- one entry point ----------------------------------------------------------------------

/** Each format's checks (a new format in src/feeds/formats.ts must bring its own). */
const validators: Record<FeedFormat, (body: string, url: string) => Promise<string[]>> = {
  rss: async (body, url) => {
    assertWellFormedXml(body)
    return rssProblems(body, url)
  },
  atom: async (body, url) => {
    assertWellFormedXml(body)
    return atomProblems(body, url)
  },
  json: async (body, url) => {
    const feed = JSON.parse(body) as JsonFeedShape
    assertValidJsonFeed(feed)
    return jsonFeedProblems(feed, url)
  },
}

/** Fails, naming every problem, unless the feed body served at `url` passes every check. */
export async function assertStrictlyValidFeed(body: string, url: string): Promise<void> {
  // A feed's format is told by its file name, as the routes serve it (feeds/formats.ts).
  const path = url.split('?')[0] ?? ''
  const format = feedFormatIds.find((id) => path.endsWith(`/${feedFormats[id].file}`))
  assert.ok(format, `${url} is no feed file of src/feeds/formats.ts`)
  const problems = await validators[format](body, url)
  assert.deepEqual(problems, [], `${url}:\n  ${problems.join('\n  ')}`)
}
