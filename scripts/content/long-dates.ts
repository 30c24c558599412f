import type { LongDateFormat } from '../../src/lib/long-date'
import { formatLongDate } from '../../src/lib/long-date'

const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' }

// Every month, one- and two-digit days, years either side of 2000: where the
// pieces cannot say what Intl says (another calendar, a day-dependent month
// form), the language gets no format and the Worker asks Intl.
const checks = [1999, 2026].flatMap((year) =>
  Array.from({ length: 12 }, (_, month) =>
    [1, 9, 10, 28].map((day) => new Date(Date.UTC(year, month, day)).toISOString()),
  ).flat(),
)

/** `language`'s long date as pieces, or undefined when they do not reproduce Intl exactly. */
export function longDateFormat(language: string): LongDateFormat | undefined {
  const intl = new Intl.DateTimeFormat(language, options)
  const sample = intl.formatToParts(new Date(Date.UTC(2026, 11, 7)))
  const pieces: LongDateFormat['pieces'] = sample.map((part) =>
    part.type === 'day' || part.type === 'month' || part.type === 'year'
      ? { field: part.type }
      : { text: part.value },
  )
  const months = Array.from({ length: 12 }, (_, month) => {
    const parts = intl.formatToParts(new Date(Date.UTC(2026, month, 7)))
    return parts.find((part) => part.type === 'month')?.value ?? ''
  })
  const numbers = new Intl.NumberFormat(language, { useGrouping: false })
  const digits = Array.from({ length: 10 }, (_, d) => numbers.format(d))
  const format = { pieces, months, digits }
  const exact = checks.every((iso) => formatLongDate(iso, format) === intl.format(new Date(iso)))
  return exact ? format : undefined
}

/** The long date formats of every language the site, its articles and pages are in. */
export function longDateFormats(languages: Iterable<string>): Record<string, LongDateFormat> {
  const formats: Record<string, LongDateFormat> = {}
  for (const language of new Set(languages)) {
    const format = longDateFormat(language)
    if (format) formats[language] = format
  }
  return formats
}
