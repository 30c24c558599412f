import anyAscii from 'any-ascii'

/** Lowercase ASCII kebab-case, as content/articles/<slug>.md needs; '' if nothing is left. */
export function kebab(text: string): string {
  return anyAscii(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** WordPress keeps non-ASCII slugs percent-encoded (%e0%a4%b8…); a malformed one is kept as is. */
function percentDecoded(slug: string): string {
  try {
    return decodeURIComponent(slug)
  } catch {
    return slug
  }
}

/**
 * The article slug for a post: its WordPress slug, percent-decoded and
 * transliterated to ASCII (सोरा → sora, Ünïcödé → unicode); else the title's; else
 * post-<id>. Deterministic, so a re-run writes the same files and comment keys.
 */
export function articleSlug(postName: string, title: string, postId: string): string {
  return kebab(percentDecoded(postName)) || kebab(title) || `post-${kebab(postId) || '0'}`
}
