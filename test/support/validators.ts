import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { XMLValidator } from 'fast-xml-parser'

const require = createRequire(import.meta.url)
const jsonFeedSchema = JSON.parse(
  readFileSync(require.resolve('jsonfeed-schema/schema-v1.1.json'), 'utf8'),
) as object

/** Fails unless `xml` is a well-formed XML 1.0 document (strict parser, not the generator). */
export function assertWellFormedXml(xml: string): void {
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: false })
  assert.equal(result, true, `not well-formed XML: ${JSON.stringify(result)}`)
  // XML 1.0 Char production: nothing outside it may appear anywhere in the document.
  assert.doesNotMatch(xml, /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u)
}

const ajv = new Ajv({ allErrors: true, strict: false })
// The schema uses format "uri"; check it with URL.canParse, the parser feed readers use.
ajv.addFormat('uri', (value: string) => URL.canParse(value))
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/)
const validateJsonFeedSchema = ajv.compile(jsonFeedSchema)

/** Fails unless `feed` is valid against the JSON Feed 1.1 schema. */
export function assertValidJsonFeed(feed: unknown): void {
  const valid = validateJsonFeedSchema(feed)
  assert.ok(valid, `invalid JSON Feed 1.1: ${JSON.stringify(validateJsonFeedSchema.errors)}`)
}
