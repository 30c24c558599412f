import { sha256Hex } from '../lib/text-digest'

// Zero-width and invisible characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen):
// adding one changes the bytes but not what a reader sees.
const invisible = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g

/**
 * The text as the duplicate check compares it: compatibility forms folded
 * (NFKC, so a no-break space is a space), invisible characters removed, every
 * run of whitespace one space, case folded. Only the fingerprint uses this; the
 * stored text is exactly what was sent, normalised to NFC.
 */
export function foldForComparison(text: string): string {
  return text.normalize('NFKC').replace(invisible, '').replace(/\s+/gu, ' ').trim().toLowerCase()
}

/** Identifies "the same comment": same article, e-mail and text, as a reader would compare them. */
export function duplicateFingerprint(article: string, email: string, content: string) {
  return sha256Hex(
    `${article}\u0000${email.trim().toLowerCase()}\u0000${foldForComparison(content)}`,
  )
}

/** A salted hash of the client address: lets a moderator group abuse without storing the IP. */
export async function clientHash(address: string, salt: string): Promise<string> {
  return (await sha256Hex(`${salt}\u0000${address}`)).slice(0, 32)
}
