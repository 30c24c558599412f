/*
 * The workarounds for the `feed` package (v6), kept in one place:
 * - it passes characters that XML 1.0 forbids straight through;
 * - its CDATA writer splits only the first `]]>` of a text;
 * - its text writer decodes `&amp;` before escaping, so a literal "&amp;" loses its "amp;".
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
