/**
 * How text becomes search terms, the same at build time (the index) and in the
 * Worker (the query): one module, so what a reader types folds exactly as the
 * article did. Hindi writes spaces between words, so a word is a maximal run
 * of letters, marks and digits; Intl.Segmenter is not used because its word
 * breaks come from the ICU of the runtime, and Node's (the build) and
 * workerd's may differ, which would make a word unfindable.
 *
 * Folding, in order (each undoes a difference readers do not type reliably):
 * 1. NFC, so precomposed and combining forms of a letter are one.
 * 2. Lower case (Latin and other cased scripts): "OpenAI" is "openai".
 * 3. Nukta dropped: the precomposed letters U+0958–U+095F (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़)
 *    become their base letter, and U+093C after a base letter is removed,
 *    so "फ़र्स्टपोस्ट" and "फर्स्टपोस्ट" are one term, as are ड़/ड and ढ़/ढ.
 * 4. Chandrabindu U+0901 (ँ) becomes anusvara U+0902 (ं): "पहुँच" is "पहुंच".
 * 5. The candra vowels of English loanwords become the plain ones readers type:
 *    ॉ U+0949 → ा U+093E, ॅ U+0945 → े U+0947, ऑ U+0911 → आ U+0906,
 *    ऍ U+090D → ए U+090F: "वॉशिंग" is "वाशिंग".
 * 6. Zero-width joiner and non-joiner (U+200D, U+200C) removed: they change
 *    only how a conjunct is drawn.
 * The virama (halant, U+094D) is kept: dropping it would make "क्या" and
 * "कया" one term, and a half letter is how readers type a conjunct.
 */

import { lazyRegExp } from '../lib/lazy-regexp'

/** The longest query the Worker reads, in UTF-16 code units. */
export const maxQueryLength = 100

/** The most terms one query looks up: each is one more index file to read. */
export const maxQueryTerms = 8

/** A term longer than this is not indexed or looked up (no word is; a URL or hash might be). */
export const maxTermLength = 40

// A run of letters, marks and digits: one character class, so the match is linear. Built
// on first use: \p{…} patterns cost startup (lib/lazy-regexp.ts).
const word = lazyRegExp(String.raw`[\p{L}\p{M}\p{N}]+`, 'gu')
// Precomposed nukta letters U+0958–U+095F, in order, as their base letters.
const nuktaBases = 'कखगजडढफय'
const folds: Record<string, string> = {
  '\u0901': '\u0902',
  '\u0949': '\u093e',
  '\u0945': '\u0947',
  '\u0911': '\u0906',
  '\u090d': '\u090f',
  '\u093c': '',
  '\u200c': '',
  '\u200d': '',
}
const foldable = /[\u0958-\u095f\u0901\u0949\u0945\u0911\u090d\u093c\u200c\u200d]/g

/** One piece of text folded as every term is (the rules above). */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(foldable, (c) => {
      const code = c.charCodeAt(0)
      return code >= 0x958 && code <= 0x95f
        ? (nuktaBases[code - 0x958] as string)
        : (folds[c] ?? '')
    })
}

/** The distinct folded terms of a text, in order of first appearance. */
export function termsOf(text: string): string[] {
  const terms = new Set<string>()
  // Joiners are dropped before splitting: inside a word they are no break.
  for (const match of fold(text).matchAll(word())) {
    const term = match[0]
    if (term.length <= maxTermLength) terms.add(term)
  }
  return [...terms]
}
