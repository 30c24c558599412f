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

/**
 * When a comment made by the intake was created, read from its id (the intake
 * stamps both with one clock reading); undefined for an id of another shape.
 */
export function createdFromId(id: string): string | undefined {
  if (!isCommentId(id)) return undefined
  const time = Number.parseInt(id.slice(0, 9), 36)
  return Number.isSafeInteger(time) && time <= 8.64e15 ? new Date(time).toISOString() : undefined
}

/** Whether a string has the shape of a comment id (checked before it reaches a KV key). */
export function isCommentId(value: string): boolean {
  return /^[0-9a-z]{19}$/.test(value)
}
