/**
 * fast-check arbitraries for hostile comment posts: structured field sets with
 * wrong types, nested objects and `__proto__` keys, encoded as JSON, urlencoded
 * or multipart, plus raw breakage (invalid UTF-8, truncated or unbounded multipart,
 * empty and oversized bodies, unknown media types).
 */
import fc from 'fast-check'
import { hostileMarkdown } from '../harness/hostile-markdown'

/** One request to the intake: its body bytes and the headers that describe them. */
export interface FuzzPost {
  kind: string
  contentType?: string
  accept?: string
  body: Uint8Array
}

const decoder = new TextDecoder()

/** Builds a post that fast-check prints briefly (kind, headers, start of the body). */
export function fuzzPost(post: FuzzPost): FuzzPost {
  const text = decoder.decode(post.body.subarray(0, 300))
  const summary = `${post.kind} [${post.contentType ?? 'no type'}, accept ${post.accept ?? '-'}, ${post.body.length} bytes] ${JSON.stringify(text)}`
  return Object.assign(post, { [fc.toStringMethod]: () => summary })
}

const encoder = new TextEncoder()
const boundary = 'fuzz-boundary-7MA4YWxk'

/** Strings a parser or renderer could choke on. */
export const nastyText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\ufffe',
  '\uffff',
  '\u2028',
  '\u200b',
  '\ufeff',
  ']]>',
  '<![CDATA[',
  '<script>alert(1)</script>',
  '&amp;',
  '&#0;',
  '"\'',
  '\r\n',
  '\r',
  'e\u0301',
  'क्\u200dष',
  '👩🏽\u200d💻',
  'javascript:alert(1)',
  'https://example.org/ a',
  '__proto__',
  'constructor',
  'toString',
)

/** Comments at the 10,000-character limit written to make the Markdown renderer slow. */
const slowMarkdown = fc.constantFrom(...Object.values(hostileMarkdown(10_000)))

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  slowMarkdown,
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  nastyText,
  fc.array(nastyText, { maxLength: 6 }).map((parts) => parts.join('')),
)

/** A field value of any JSON type, often a string. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
)

const fieldName = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'author',
      'email',
      'url',
      'content',
      'parent',
      'website2',
      'cf-turnstile-response',
      '__proto__',
      'constructor',
      'prototype',
      'author[]',
      'content[]',
    ),
  },
  fc.string({ maxLength: 8 }),
)

let serial = 0
/** A comment every rule accepts, so mutations reach the checks after validation. */
const validBase = fc.constant(null).map(() => {
  serial++
  return [
    ['author', `Fuzz ${serial}`],
    ['email', `fuzz${serial}@example.org`],
    ['content', `fuzz comment ${serial}`],
  ] as Array<[string, unknown]>
})

/** Keys the intake must ignore, whatever their values. */
const strayName = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'author[]',
  'x',
)

/** Field lists (duplicate keys allowed, order kept) to encode in any media type. */
export const fieldLists: fc.Arbitrary<Array<[string, unknown]>> = fc.oneof(
  { weight: 2, arbitrary: fc.array(fc.tuple(fieldName, anyValue), { maxLength: 8 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(validBase, fc.array(fc.tuple(strayName, anyValue), { maxLength: 3 }))
      .map(([base, strays]) => [...strays, ...base]),
  },
  fc
    .tuple(validBase, fc.array(fc.tuple(fieldName, anyValue), { minLength: 1, maxLength: 3 }))
    .map(([base, changes]) => [...base, ...changes]),
  fc
    .tuple(validBase, fc.stringMatching(/^[0-9a-z]{19}$/))
    .map(([base, parent]) => [...base, ['parent', parent] as [string, unknown]]),
)

const asFormText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

/** JSON text of an object with these members, duplicates and `__proto__` kept literally. */
export function jsonObjectText(fields: Array<[string, unknown]>): string {
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`
}

/** A multipart/form-data body; `file` parts carry a filename (browsers send File values). */
export function multipartBytes(
  parts: Array<{ name: string; value: Uint8Array | string; filename?: string }>,
  close = true,
): Uint8Array {
  const chunks: Uint8Array[] = []
  for (const part of parts) {
    const name = part.name.replace(/["\r\n]/g, (c) => encodeURIComponent(c))
    const file = part.filename === undefined ? '' : `; filename="${part.filename}"`
    chunks.push(
      encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file}\r\n`),
      encoder.encode(part.filename === undefined ? '\r\n' : 'Content-Type: text/plain\r\n\r\n'),
      typeof part.value === 'string' ? encoder.encode(part.value) : part.value,
      encoder.encode('\r\n'),
    )
  }
  if (close) chunks.push(encoder.encode(`--${boundary}--\r\n`))
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const chunk of chunks) {
    all.set(chunk, at)
    at += chunk.length
  }
  return all
}

export const multipartType = `multipart/form-data; boundary=${boundary}`
const accept = fc.constantFrom(undefined, 'application/json', 'text/html', '*/*')
const jsonTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/merge-patch+json',
)
const formTypes = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=UTF-8',
)
const invalidUtf8 = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom(
    Uint8Array.of(0xff, 0xfe),
    Uint8Array.of(0xc3, 0x28),
    Uint8Array.of(0xed, 0xa0, 0x80),
    Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
    Uint8Array.of(0xe0, 0x80),
  ),
)

const jsonPosts = fc.oneof(
  fc.record({ fields: fieldLists, type: jsonTypes, accept }).map(
    ({ fields, type, accept }): FuzzPost => ({
      kind: 'json object',
      contentType: type,
      accept,
      body: encoder.encode(jsonObjectText(fields)),
    }),
  ),
  fc.record({ value: fc.jsonValue({ maxDepth: 3 }), type: jsonTypes }).map(
    ({ value, type }): FuzzPost => ({
      kind: 'json value',
      contentType: type,
      body: encoder.encode(JSON.stringify(value)),
    }),
  ),
  fc.record({ fields: fieldLists, cut: fc.nat() }).map(({ fields, cut }): FuzzPost => {
    const whole = jsonObjectText(fields)
    return {
      kind: 'json truncated',
      contentType: 'application/json',
      body: encoder.encode(whole.slice(0, cut % Math.max(whole.length, 1))),
    }
  }),
  fc.record({ bytes: invalidUtf8, fields: fieldLists }).map(({ bytes, fields }): FuzzPost => {
    const json = encoder.encode(jsonObjectText([...fields, ['content', '']]))
    const body = new Uint8Array(json.length - 3 + bytes.length + 3)
    body.set(json.subarray(0, json.length - 3))
    body.set(bytes, json.length - 3)
    body.set(json.subarray(json.length - 3), json.length - 3 + bytes.length)
    return { kind: 'json invalid utf-8', contentType: 'application/json', body }
  }),
)

const rawFormPieces = fc.constantFrom(
  '%',
  '%ZZ',
  '%FF',
  '%C3%28',
  '%ED%A0%80',
  '%00',
  '&',
  '=',
  '+',
  'author=',
  'email=a%40b.co',
  'content=',
  '__proto__=',
  'author[]=',
)

const formPosts = fc.oneof(
  fc
    .record({ fields: fieldLists, type: formTypes, accept })
    .map(({ fields, type, accept }): FuzzPost => {
      const params = new URLSearchParams()
      for (const [k, v] of fields) params.append(k, asFormText(v))
      return { kind: 'urlencoded', contentType: type, accept, body: encoder.encode(`${params}`) }
    }),
  fc
    .record({
      pieces: fc.array(fc.oneof(rawFormPieces, fc.string({ maxLength: 6 })), { maxLength: 12 }),
      accept,
    })
    .map(
      ({ pieces, accept }): FuzzPost => ({
        kind: 'urlencoded raw',
        contentType: 'application/x-www-form-urlencoded',
        accept,
        body: encoder.encode(pieces.join('')),
      }),
    ),
)

const multipartPosts = fc.oneof(
  fc
    .record({
      fields: fieldLists,
      files: fc.array(fc.boolean(), { maxLength: 8 }),
      accept,
    })
    .map(
      ({ fields, files, accept }): FuzzPost => ({
        kind: 'multipart',
        contentType: multipartType,
        accept,
        body: multipartBytes(
          fields.map(([name, value], i) => ({
            name,
            value: asFormText(value),
            ...(files[i] ? { filename: 'x.txt' } : {}),
          })),
        ),
      }),
    ),
  fc.record({ fields: fieldLists, bytes: invalidUtf8, accept }).map(
    ({ fields, bytes, accept }): FuzzPost => ({
      kind: 'multipart invalid utf-8',
      contentType: multipartType,
      accept,
      body: multipartBytes([
        ...fields.map(([name, value]) => ({ name, value: asFormText(value) })),
        { name: 'content', value: bytes },
      ]),
    }),
  ),
  fc
    .record({
      fields: fieldLists,
      cut: fc.nat(),
      close: fc.boolean(),
      type: fc.constantFrom(
        multipartType,
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=other',
        `multipart/form-data; boundary="${boundary}"`,
      ),
      accept,
    })
    .map(({ fields, cut, close, type, accept }): FuzzPost => {
      const whole = multipartBytes(
        fields.map(([name, value]) => ({ name, value: asFormText(value) })),
        close,
      )
      return {
        kind: 'multipart broken',
        contentType: type,
        accept,
        body: whole.subarray(0, cut % (whole.length + 1)),
      }
    }),
)

const otherPosts = fc
  .record({
    type: fc.constantFrom(
      undefined,
      '',
      'text/plain',
      'application/xml',
      'multipart/mixed; boundary=x',
      'application/jsonx',
      'form-data',
    ),
    bytes: fc.oneof(invalidUtf8, fields()),
  })
  .map(
    ({ type, bytes }): FuzzPost => ({
      kind: 'other media type',
      ...(type === undefined ? {} : { contentType: type }),
      body: bytes,
    }),
  )

function fields() {
  return fieldLists.map((list) => encoder.encode(jsonObjectText(list)))
}

/**
 * Empty and long bodies: over 10,000 characters but under 64 KiB (422), and over
 * 64 KiB (413), in ASCII and in 3-byte Devanagari.
 */
export const bodySizes = [
  { chars: 0, char: '' },
  { chars: 10_001, char: 'x' },
  { chars: 10_001, char: 'क' },
  { chars: 21_000, char: 'क' },
  { chars: 22_000, char: 'क' },
  { chars: 200_000, char: 'x' },
]
export const encodings = ['json', 'form', 'multipart'] as const

/** A post of a given size in one encoding, otherwise a valid comment. */
export function sizedPost(size: (typeof bodySizes)[number], type: (typeof encodings)[number]) {
  serial++
  const kind = `${size.chars} × ${size.char || 'nothing'} as ${type}`
  const contentType =
    type === 'json'
      ? 'application/json'
      : type === 'form'
        ? 'application/x-www-form-urlencoded'
        : multipartType
  if (size.chars === 0) return fuzzPost({ kind, contentType, body: new Uint8Array() })
  const fields: Array<[string, string]> = [
    ['author', `Big ${serial}`],
    ['email', `big${serial}@example.org`],
    ['content', size.char.repeat(size.chars)],
  ]
  const body =
    type === 'json'
      ? encoder.encode(jsonObjectText(fields))
      : type === 'form'
        ? encoder.encode(`${new URLSearchParams(fields)}`)
        : multipartBytes(fields.map(([name, value]) => ({ name, value })))
  return fuzzPost({ kind, contentType, body })
}

const sizePosts = fc
  .tuple(fc.constantFrom(...bodySizes), fc.constantFrom(...encodings))
  .map(([size, type]) => sizedPost(size, type))

/** Any hostile post. */
export const hostilePosts: fc.Arbitrary<FuzzPost> = fc
  .oneof(
    { weight: 3, arbitrary: jsonPosts },
    { weight: 3, arbitrary: formPosts },
    { weight: 3, arbitrary: multipartPosts },
    { weight: 1, arbitrary: otherPosts },
    { weight: 1, arbitrary: sizePosts },
  )
  .map(fuzzPost)
