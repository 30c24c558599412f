/**
 * A 53-bit digest of a text (cyrb53: two 32-bit multiply-xor lanes mixed), in
 * base 36: cheap, synchronous and the same on every runtime. It tells whether
 * two texts differ, with about one chance in 2^53 of calling two different
 * ones the same; it is no defence against someone choosing texts to collide,
 * and is never used as one.
 */
export function textDigest(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ unit, 2654435761)
    h2 = Math.imul(h2 ^ unit, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}
