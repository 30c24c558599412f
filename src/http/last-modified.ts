/** The latest of several instants (ISO strings or dates); unknown ones are skipped. */
export function latest(...instants: Array<string | Date | null | undefined>): Date {
  let max = 0
  for (const instant of instants) {
    if (!instant) continue
    const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
    if (!Number.isNaN(time) && time > max) max = time
  }
  // HTTP dates have whole seconds; round up so If-Modified-Since compares exactly.
  return new Date(Math.ceil(max / 1000) * 1000)
}
