/**
 * Tags are compared in Unicode NFC: the same Devanagari tag typed as composed
 * or decomposed characters is one tag. The build stores tags in NFC, and the
 * Worker normalises the tag a URL names before looking it up.
 */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFC')
}
