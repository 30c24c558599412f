import { XMLParser } from 'fast-xml-parser'

/**
 * An XML element with its names resolved against the namespace declarations in
 * scope, so checks name elements by namespace URI (as the specifications do),
 * never by whichever prefix a document happens to use.
 */
export interface XmlElement {
  /** The namespace URI, '' for none. */
  ns: string
  local: string
  /** The name as written, for messages. */
  qname: string
  /** Attribute values by `{ns}local` ('' ns written as just `local`), entities decoded. */
  attributes: Map<string, string>
  children: XmlElement[]
  /** The element's own text and CDATA, entities decoded, children's text left out. */
  text: string
  /** The element's own text as written, references not decoded, CDATA left out. */
  raw: string
  parent?: XmlElement
}

const xmlNamespace = 'http://www.w3.org/XML/1998/namespace'

/** A parsed document. */
export interface XmlTree {
  root: XmlElement
  /** Prefixes used in element or attribute names with no declaration in scope. */
  undeclaredPrefixes: string[]
}

// fast-xml-parser decodes no numeric references and decodes &amp; before the others, so a
// literal "&amp;#65;" would come out as "A": entities are left alone there and decoded here once.
const entity = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g
const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decode(raw: string): string {
  return raw.replace(entity, (_, hex?: string, dec?: string, name?: string) =>
    hex
      ? String.fromCodePoint(parseInt(hex, 16))
      : dec
        ? String.fromCodePoint(Number(dec))
        : (named[name ?? ''] ?? ''),
  )
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
})

/** One node of fast-xml-parser's preserveOrder output: a name to children, and ':@' to attributes. */
type OrderedNode = Record<string, unknown>

function rawTextOf(nodes: OrderedNode[]): string {
  return nodes.map((node) => (typeof node['#text'] === 'string' ? node['#text'] : '')).join('')
}

function textOf(nodes: OrderedNode[]): string {
  return nodes
    .map((node) => {
      if (typeof node['#text'] === 'string') return decode(node['#text'])
      // CDATA is taken literally: no entity in it is one.
      if (Array.isArray(node['#cdata'])) {
        return (node['#cdata'] as OrderedNode[]).map((n) => String(n['#text'] ?? '')).join('')
      }
      return ''
    })
    .join('')
}

/** Parses a well-formed document (check that first) into a namespace-resolved tree. */
export function parseXmlTree(xml: string): XmlTree {
  const undeclared = new Set<string>()
  const build = (
    node: OrderedNode,
    scope: Map<string, string>,
    parent?: XmlElement,
  ): XmlElement | undefined => {
    const qname = Object.keys(node).find((key) => key !== ':@' && !key.startsWith('#'))
    if (!qname) return undefined
    const rawAttributes = (node[':@'] ?? {}) as Record<string, string>
    const inScope = new Map(scope)
    for (const [name, value] of Object.entries(rawAttributes)) {
      if (name === 'xmlns') inScope.set('', decode(value))
      else if (name.startsWith('xmlns:')) inScope.set(name.slice(6), decode(value))
    }
    const resolve = (name: string, isAttribute: boolean): { ns: string; local: string } => {
      const colon = name.indexOf(':')
      // Unprefixed attributes are in no namespace; unprefixed elements in the default one.
      if (colon < 0) return { ns: isAttribute ? '' : (inScope.get('') ?? ''), local: name }
      const prefix = name.slice(0, colon)
      const ns = inScope.get(prefix)
      if (ns === undefined) undeclared.add(prefix)
      return { ns: ns ?? '', local: name.slice(colon + 1) }
    }
    const attributes = new Map<string, string>()
    for (const [name, value] of Object.entries(rawAttributes)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue
      const { ns, local } = resolve(name, true)
      attributes.set(ns ? `{${ns}}${local}` : local, decode(value))
    }
    const content = (node[qname] ?? []) as OrderedNode[]
    const element: XmlElement = {
      ...resolve(qname, false),
      qname,
      attributes,
      children: [],
      text: textOf(content),
      raw: rawTextOf(content),
      ...(parent ? { parent } : {}),
    }
    for (const child of content) {
      const built = build(child, inScope, element)
      if (built) element.children.push(built)
    }
    return element
  }
  const top = (parser.parse(xml) as OrderedNode[])
    .map((node) => build(node, new Map([['xml', xmlNamespace]])))
    .filter((element) => element !== undefined)
  const [root] = top
  if (!root || top.length !== 1) throw new Error('expected exactly one root element')
  return { root, undeclaredPrefixes: [...undeclared] }
}

/** The children of `element` with namespace `ns` and local name `local`. */
export function childrenNamed(element: XmlElement, ns: string, local: string): XmlElement[] {
  return element.children.filter((child) => child.ns === ns && child.local === local)
}

/** Every element of the tree, `root` first, in document order. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)]
}
