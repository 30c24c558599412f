import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { paths } from '../paths'

/**
 * The cookie that carries a comment's edit proof in the browser that posted it:
 * one per comment, `comment_edit_<id>`, sent only to that article's pages
 * (Path), never to scripts (HttpOnly) nor with cross-site posts (SameSite=Lax),
 * and gone when the edit window closes (Max-Age).
 */
const prefix = 'comment_edit_'

/** Whether a request carries any edit cookie (its article page is then personal). */
export function hasEditCookie(requestHeaders: Headers): boolean {
  return requestHeaders.get('cookie')?.includes(prefix) ?? false
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:'
}

/** Hands the author of comment `id` its proof, for `seconds` (the rest of the window). */
export function setEditCookie(
  c: Context,
  slug: string,
  id: string,
  proof: string,
  seconds: number,
): void {
  setCookie(c, prefix + id, proof, {
    path: paths.article(slug),
    maxAge: Math.max(0, Math.floor(seconds)),
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
  })
}

/** Removes a deleted comment's cookie. */
export function clearEditCookie(c: Context, slug: string, id: string): void {
  deleteCookie(c, prefix + id, { path: paths.article(slug), secure: isHttps(c) })
}

/** The proof the cookie holds for comment `id`, if any. */
export function editCookieProof(c: Context, id: string): string | undefined {
  return getCookie(c, prefix + id)
}

/**
 * Edit cookies a request's page looks at: the newest (ids begin with their
 * time). Each that holds a valid proof costs a KV read, so a request carrying
 * many costs no more than this; a reader with more comments open for editing on
 * one article can change the newest three.
 */
export const maxEditCookies = 3

/** The newest comment ids with an edit cookie in this request, with their proofs. */
export function editCookieProofs(c: Context): Array<[string, string]> {
  return Object.entries(getCookie(c))
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, proof]): [string, string] => [name.slice(prefix.length), proof])
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, maxEditCookies)
}
