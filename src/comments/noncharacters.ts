/*
 * Unicode's 66 noncharacters: U+FDD0–U+FDEF and the last two code points of every plane
 * (U+FFFE, U+FFFF, U+1FFFE, U+1FFFF … U+10FFFE, U+10FFFF). They are reserved for a
 * program's own use and mean nothing in text; HTML forbids them in a document (the Nu
 * checker's "Forbidden code point") and XML 1.0 forbids U+FFFE and U+FFFF. A reader who
 * pasted one cannot see it to remove it, so comments drop them rather than refuse them.
 */
const planeEnds = Array.from({ length: 17 }, (_, plane) => {
  const base = plane * 0x10000
  return `\\u{${(base + 0xfffe).toString(16)}}\\u{${(base + 0xffff).toString(16)}}`
}).join('')
// One character class: linear on any input.
const noncharacters = new RegExp(`[\\u{FDD0}-\\u{FDEF}${planeEnds}]`, 'gu')

/** The text without any Unicode noncharacter. */
export function withoutNoncharacters(text: string): string {
  return text.replace(noncharacters, '')
}
