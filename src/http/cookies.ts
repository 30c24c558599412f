/**
 * The cookies the site sets, by name. `held` carries the proof that a reader
 * posted the comment held for moderation that the article page shows them.
 */
export const heldCookie = 'held'
