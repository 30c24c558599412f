/**
 * The page a `?page=` asks for, as the pager writes it: absent is page 1, and
 * `2`, `3`… the others. Anything else is no page (NaN): `1`, whose page is the
 * plain address, and other spellings of a number (`0`, `01`, `2.0`, `1e0`),
 * which would each be another address of one page.
 */
export function requestedPage(param: string | undefined): number {
  if (param === undefined) return 1
  if (param.length === 0 || param.length > 9 || param[0] === '0' || param === '1') return Number.NaN
  for (const char of param) if (char < '0' || char > '9') return Number.NaN
  return Number(param)
}
