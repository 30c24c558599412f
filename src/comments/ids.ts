/**
 * A new comment id: base-36 milliseconds (fixed width, so ids sort by time as KV
 * lists keys) and 10 random base-32 characters, so concurrent posts never collide.
 */
export function newCommentId(now: number = Date.now()): string {
  const time = now.toString(36).padStart(9, '0')
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  const random = crypto.getRandomValues(new Uint8Array(10))
  return time + Array.from(random, (b) => alphabet[b & 31]).join('')
}

/** Whether a string has the shape of a comment id (checked before it reaches a KV key). */
export function isCommentId(value: string): boolean {
  return /^[0-9a-z]{19}$/.test(value)
}
