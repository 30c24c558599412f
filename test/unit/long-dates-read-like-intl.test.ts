import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { longDateFormat, longDateFormats } from '../../scripts/content/long-dates'
import { formatLongDate, registerLongDates } from '../../src/lib/long-date'
import { formatDate } from '../../src/pages/i18n'

const intl = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso))
// Any instant from 1970 to 2100, as the front matter and comments give them.
const instants = fc
  .integer({ min: 0, max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms).toISOString())

describe('long dates from the build’s pieces', () => {
  for (const language of ['en', 'hi', 'en-GB', 'de', 'ar', 'ja']) {
    it(`say what Intl says in ${language}, at any instant`, () => {
      const format = longDateFormat(language)
      assert.ok(format, `${language} has a format`)
      fc.assert(fc.property(instants, (iso) => formatLongDate(iso, format) === intl(iso, language)))
    })
  }

  it('are left to Intl where the pieces cannot say the same (another calendar)', () => {
    assert.equal(longDateFormat('th-TH-u-ca-buddhist'), undefined)
    assert.deepEqual(Object.keys(longDateFormats(['hi', 'th-TH-u-ca-buddhist', 'hi'])), ['hi'])
  })

  it('are what pages show once registered, and Intl’s words without them', () => {
    const iso = '2026-12-07T23:30:00+05:30'
    registerLongDates({})
    assert.equal(formatDate(iso, 'hi'), intl(iso, 'hi'))
    const hi = longDateFormat('hi')
    assert.ok(hi)
    // A format that differs from Intl's on purpose shows which one formatDate used.
    registerLongDates({ hi: { ...hi, pieces: [{ field: 'year' }] } })
    assert.equal(formatDate(iso, 'hi'), '2026')
    registerLongDates({})
  })
})
