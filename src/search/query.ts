import { maxQueryLength, maxQueryTerms, termsOf } from './terms'

/** What a reader's `q` asks for. */
export type SearchQuery =
  | { kind: 'empty' }
  /** Longer than maxQueryLength: answered 414, nothing read. */
  | { kind: 'too_long' }
  /** The folded terms to find together; `capped` when terms past maxQueryTerms were left out. */
  | { kind: 'terms'; text: string; terms: string[]; capped: boolean }

/** Reads `q` (the raw parameter, if any) into terms, within the caps. */
export function parseQuery(q: string | undefined): SearchQuery {
  if (q === undefined) return { kind: 'empty' }
  if (q.length > maxQueryLength) return { kind: 'too_long' }
  const text = q.trim()
  const terms = termsOf(text)
  if (terms.length === 0) return { kind: 'empty' }
  return {
    kind: 'terms',
    text,
    terms: terms.slice(0, maxQueryTerms),
    capped: terms.length > maxQueryTerms,
  }
}
