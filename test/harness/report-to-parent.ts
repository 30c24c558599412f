/**
 * A node:test reporter that sends each event to the parent process over IPC
 * (run-files-sent-in-turn.ts's parent, run-files-side-by-side.ts), errors as
 * plain objects it can make errors of again (asErrors). IPC's structured clone
 * keeps of an error only its message and stack: its cause and an assertion's
 * actual and expected are what a failure report is made of.
 */

/** An error as JSON can carry it: every own property, the cause too. */
type PlainError = { [errorMark]: true; [key: string]: unknown }
const errorMark = '__error__'

function plain(value: unknown, depth = 0): unknown {
  if (depth > 8 || typeof value === 'function' || typeof value === 'symbol') return String(value)
  if (value instanceof Error) {
    const out: PlainError = { [errorMark]: true }
    for (const key of Object.getOwnPropertyNames(value)) {
      out[key] = plain((value as unknown as Record<string, unknown>)[key], depth + 1)
    }
    out.name = value.name
    return out
  }
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, plain(item, depth + 1)]),
    )
  }
  return value
}

/** The errors within a value from `plain`, made errors again (for the reporters' output). */
export function asErrors(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asErrors)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value).map(([key, item]) => [key, asErrors(item)] as const)
  if (!(errorMark in value)) return Object.fromEntries(entries)
  const error = new Error()
  for (const [key, item] of entries) {
    // As on a thrown error: its stack, message and name kept out of inspect's list of its properties.
    const enumerable = !['stack', 'message', 'name', 'cause'].includes(key)
    if (key !== errorMark)
      Object.defineProperty(error, key, { value: item, writable: true, enumerable })
  }
  return error
}

/** What the child sends for an error no test caught: thrown after its test ended, or by none. */
export interface OutsideError {
  outside: unknown
}

export function isOutsideError(message: unknown): message is OutsideError {
  return typeof message === 'object' && message !== null && 'outside' in message
}

/** Sends `error` to the parent as an error outside any test. */
export function sendOutsideError(error: unknown): void {
  const message: OutsideError = {
    outside: plain(error instanceof Error ? error : new Error(String(error))),
  }
  process.send?.(message)
}

export default async function* reportToParent(
  source: AsyncIterable<{ type: string; data: unknown }>,
): AsyncGenerator<string> {
  for await (const event of source) {
    try {
      process.send?.(plain(event))
    } catch (error) {
      // A value structured clone cannot carry: the event goes, its details as text.
      process.send?.(plain({ ...event, data: { ...(event.data as object), details: { error } } }))
    }
  }
  yield ''
}
