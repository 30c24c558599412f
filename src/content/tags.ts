/**
 * Tags are compared in Unicode NFC: the same Devanagari tag typed as composed
 * or decomposed characters is one tag. The build stores tags in NFC, and the
 * Worker normalises the tag a URL names before looking it up.
 */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFC')
}

/**
 * The section an article belongs to, which "More in this section" follows: its
 * first tag that is one of the site's sections, else its first tag (a site
 * whose sections do not cover every article still links its articles together).
 */
export function sectionOf(
  tags: readonly string[],
  sections: readonly string[],
): string | undefined {
  return tags.find((tag) => sections.includes(tag)) ?? tags[0]
}
