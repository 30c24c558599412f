/**
 * How strong a configured secret is, by one stated rule (docs/security.md,
 * "Secrets", repeats it): its length times log2 of the alphabet of the character
 * classes it uses (lowercase 26, uppercase 26, digits 10, anything else 33, the
 * printable ASCII symbols and space), so at most log2(95) ≈ 6.57 bits a
 * character. This is what a random secret of that shape holds; a chosen phrase
 * holds far less, which is why docs/security.md says to generate secrets. Obvious
 * repeats, which the product overstates, are refused outright.
 */

const classSizes = { lower: 26, upper: 26, digit: 10, other: 33 } as const
const widestAlphabet = Object.values(classSizes).reduce((sum, size) => sum + size, 0)

function classOf(code: number): keyof typeof classSizes {
  if (code >= 97 && code <= 122) return 'lower'
  if (code >= 65 && code <= 90) return 'upper'
  if (code >= 48 && code <= 57) return 'digit'
  return 'other'
}

// The alphabets of `openssl rand -base64` and of base64url, padding left out.
const base64Shape = /^[A-Za-z0-9+/]+={0,2}$/
const base64UrlShape = /^[A-Za-z0-9_-]+$/
const upper = /[A-Z]/
const lower = /[a-z]/

/**
 * The estimate: length × log2(size of the alphabet of the classes used). A
 * secret of the base64 or base64url shape with both cases in it is counted at
 * that alphabet's 6 bits a character, padding aside: a generated one may draw
 * no digit or no `-` by chance (one in about 7,500 for 43 characters), and the
 * classes it happens to use would undercount what it was drawn from.
 */
export function secretBits(secret: string): number {
  const drawn = secret.replace(/=+$/, '')
  const generatedShape =
    (base64Shape.test(secret) || base64UrlShape.test(secret)) &&
    upper.test(secret) &&
    lower.test(secret)
  if (generatedShape) return drawn.length * 6
  const used = new Set<keyof typeof classSizes>()
  for (let i = 0; i < secret.length; i++) used.add(classOf(secret.charCodeAt(i)))
  const alphabet = [...used].reduce((sum, name) => sum + classSizes[name], 0)
  return alphabet > 1 ? secret.length * Math.log2(alphabet) : 0
}

/** Whether the secret is one shorter piece said again and again (`abcabcabc…`, `aaaa…`). */
function isRepetition(secret: string): boolean {
  for (let period = 1; period <= secret.length / 2; period++) {
    if (secret.length % period !== 0) continue
    if (secret.slice(period) === secret.slice(0, -period)) return true
  }
  return false
}

/**
 * Whether one character makes up more than half of the secret. Half, not less:
 * random hex of 32 characters holds some character 9 times (over a quarter)
 * about once in 600 draws, and a generated secret must never be refused.
 */
function hasDominantCharacter(secret: string): boolean {
  const counts = new Map<string, number>()
  for (const char of secret) counts.set(char, (counts.get(char) ?? 0) + 1)
  return Math.max(...counts.values()) * 2 > secret.length
}

/** The fewest characters that could hold `bits` under the rule (every class used). */
export function minimumLength(bits: number): number {
  return Math.ceil(bits / Math.log2(widestAlphabet))
}

/**
 * Why `secret` falls short of `bits`, in words for the operator; undefined when
 * it is strong enough.
 */
export function secretWeakness(secret: string, bits: number): string | undefined {
  if (secret.length < minimumLength(bits)) {
    return `it has ${secret.length} characters, fewer than the ${minimumLength(bits)} that ${bits} bits need`
  }
  if (isRepetition(secret) || hasDominantCharacter(secret)) {
    return 'it repeats itself (one piece again and again, or one character in more than half of it)'
  }
  const estimate = Math.floor(secretBits(secret))
  if (estimate < bits) {
    return `its length and character classes give about ${estimate} bits, fewer than ${bits}`
  }
  return undefined
}
