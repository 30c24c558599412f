/*
 * The workarounds for the `feed` package (v6), kept in one place:
 * - it passes characters that XML 1.0 forbids straight through;
 * - its CDATA writer splits only the first `]]>` of a text;
 * - its text writer decodes `&amp;` before escaping, so a literal "&amp;" loses its "amp;";
 * - it writes entry titles as HTML in CDATA (Atom: type="html"), which most readers show
 *   with the escape codes in them;
 * - it escapes plain text with `&amp;` and `&lt;`, which the W3C validator warns of in RSS
 *   (the RSS Profile asks for hexadecimal references) and, when the text reads like an
 *   entity (`&amp;copy`), in Atom too.
 * Every string handed to `feed` goes through one of these functions first.
 */

// XML 1.0 Char production, minus nothing: anything outside it (C0 controls except
// tab/newline/return, lone surrogates, U+FFFE, U+FFFF) makes the document ill-formed.
const forbiddenInXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Removes every character that XML 1.0 does not allow. */
export function stripXmlForbidden(text: string): string {
  return text.replace(forbiddenInXml, '')
}

/** Text for an element `feed` writes as escaped text (its `&amp;` decoding undone). */
export function xmlText(text: string): string {
  return stripXmlForbidden(text).replace(/&/g, '&amp;')
}

/** Escapes plain text as HTML; the result can never contain `]]>`. */
export function escapeHtml(text: string): string {
  return stripXmlForbidden(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * HTML for a slot `feed` wraps in CDATA. `]]&gt;` means the same as `]]>` to an
 * HTML reader, and no CDATA section can end early.
 */
export function cdataHtml(html: string): string {
  return stripXmlForbidden(html).replace(/]]>/g, ']]&gt;')
}

/** Escapes text for an XML attribute value written by hand. */
export function xmlAttribute(text: string): string {
  return escapeHtml(text)
}

// An entry title as `feed` writes it from escapeHtml's output: no `<` and no `]]>` inside.
const htmlTitle = /<title( type="html")?><!\[CDATA\[([^<]*)\]\]><\/title>/g

/**
 * Turns the entry titles `feed` wrote as HTML in CDATA into text: RSS `<title>` escaped
 * once, Atom `<title type="text">`. escapeHtml's output is also the XML escape of the
 * text, so dropping the CDATA wrapper is all it takes. No CDATA section of `feed`'s output
 * can hold the pattern, as cdataHtml leaves no `]]>` in one.
 */
export function entryTitlesAsText(xml: string): string {
  return xml.replace(
    htmlTitle,
    (_, atomType: string | undefined, escaped: string) =>
      `<title${atomType ? ' type="text"' : ''}>${escaped}</title>`,
  )
}

// An element `feed` writes as escaped plain text: no child element, so no `<` inside.
// Descriptions and contents in CDATA start with `<` and never match.
const plainTextElement = /<(title|subtitle|description|name|category)( type="text")?>([^<]*)<\/\1>/g
const hexReferences: Record<string, string> = {
  '&amp;': '&#x26;',
  '&lt;': '&#x3C;',
  '&gt;': '&#x3E;',
}

/**
 * Writes `&`, `<` and `>` in the plain-text elements of a feed as hexadecimal character
 * references, which mean the same to any XML parser: the RSS Profile asks for them, and the
 * W3C validator then takes a title such as "Smith &amp;copy" for text, not for markup.
 */
export function plainTextAsHexReferences(xml: string): string {
  return xml.replace(
    plainTextElement,
    (_, name: string, type: string | undefined, text: string) =>
      `<${name}${type ?? ''}>${text.replace(/&(?:amp|lt|gt);/g, (ref) => hexReferences[ref] ?? ref)}</${name}>`,
  )
}
