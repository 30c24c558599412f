/**
 * A language's long date ("7 दिसंबर 2026", "December 7, 2026") as pieces the
 * build reads from Node's Intl: on a fresh isolate, the first
 * `new Intl.DateTimeFormat` costs about 110 M instructions (V8 builds ICU's
 * list of available locales), more than the rest of a page's first render.
 */
export interface LongDateFormat {
  /** In order: literal text, or the day, month or year field. */
  pieces: Array<{ text: string } | { field: 'day' | 'month' | 'year' }>
  /** January first, as the month field shows them in this format. */
  months: string[]
  /** 0 to 9 in the format's numbering system. */
  digits: string[]
}

const inDigits = (n: number, digits: readonly string[]) =>
  String(n).replace(/\d/g, (d) => digits[Number(d)] ?? d)

/** `iso` as a long date in UTC, so every isolate renders the same bytes. */
export function formatLongDate(iso: string, format: LongDateFormat): string {
  const date = new Date(iso)
  let out = ''
  for (const piece of format.pieces) {
    if ('text' in piece) out += piece.text
    else if (piece.field === 'day') out += inDigits(date.getUTCDate(), format.digits)
    else if (piece.field === 'year') out += inDigits(date.getUTCFullYear(), format.digits)
    else out += format.months[date.getUTCMonth()] ?? ''
  }
  return out
}

// The build's formats, registered by the Worker's entry (src/index.ts); a
// renderer used without them (a Node test) asks Intl, which says the same.
let registered: Readonly<Record<string, LongDateFormat>> = {}

/** Makes the build's long date formats, by language, the ones formatDate uses. */
export function registerLongDates(formats: Readonly<Record<string, LongDateFormat>>): void {
  registered = formats
}

/** The registered long date format of `language`, if the build made one. */
export function longDateOf(language: string): LongDateFormat | undefined {
  return registered[language]
}
