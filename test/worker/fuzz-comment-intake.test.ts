import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { normalise, validateComment } from '../../src/comments/rules'
import { startWorker, type TestWorker } from '../harness/worker'
import { adminCall, commentsPath, newClient, slug, untilReadersSee } from '../support/comments'
import {
  bodySizes,
  encodings,
  type FuzzPost,
  fuzzPost,
  hostilePosts,
  jsonObjectText,
  multipartBytes,
  multipartType,
  sizedPost,
} from '../support/fuzz-bodies'
import { assertValidJsonFeed, assertWellFormedXml } from '../support/validators'

// test-runner: long (about 300 posts): started first, so the run does not end waiting for it.

// Bounded: about 300 posts in all, a few seconds. FUZZ_SEED=<n> replays a run;
// FUZZ_SCALE=<k> multiplies the runs for a deeper search by hand.
const scale = Number(process.env.FUZZ_SCALE ?? 1)
const hostileRuns = 220 * scale
const roundTripRuns = 80 * scale
const seed = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}

const refusals = new Set([400, 409, 413, 415, 422])
const feedPaths = ['/feed.xml', '/atom.xml', '/feed.json'].flatMap((file) => [
  file,
  `${commentsPath}${file}`,
])
const encoder = new TextEncoder()

function send(worker: TestWorker, post: FuzzPost, client = newClient()): Promise<Response> {
  const headers: Record<string, string> = { 'cf-connecting-ip': client }
  if (post.contentType !== undefined) headers['content-type'] = post.contentType
  if (post.accept !== undefined) headers.accept = post.accept
  return worker.fetch(commentsPath, { method: 'POST', headers, body: new Uint8Array(post.body) })
}

/** The id a successful post names: in the JSON body (201) or the redirect (303). */
function acceptedId(response: Response, body: string): string {
  if (response.status === 201) return (JSON.parse(body) as { id: string }).id
  const location = response.headers.get('location') ?? ''
  const match = /\?held=([0-9a-z]{19})#comment-\1$/.exec(location)
  assert.ok(match, `303 Location names the held comment: ${location}`)
  return match[1] as string
}

describe('fuzzed comment intake', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker()
  })
  after(() => worker.stop())

  test('never answers 5xx, and a refused post stores nothing', async () => {
    const kv = await worker.kv()
    const seen = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(hostilePosts, async (post) => {
        const before = (await worker.kvKeys()).length
        const response = await send(worker, post)
        const answer = await response.text()
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1)
        assert.ok(response.status < 500, `${response.status} ${answer}`)
        const after = await worker.kvKeys()
        if (response.status === 201 || response.status === 303) {
          const stored = await kv.get(`v1:comment:${acceptedId(response, answer)}`)
          // A filled honeypot or the repeat of a pending comment is answered like an
          // accepted post (so a robot learns nothing) and stores no comment: only its
          // decoy, kept for its edit proof until the window ends.
          if (stored === null) {
            const id = acceptedId(response, answer)
            assert.deepEqual(
              after.filter((key) => key.startsWith('v1:decoy:')).includes(`v1:decoy:${id}`),
              true,
              'a decoy is kept for its proof',
            )
            assert.equal(
              after.length,
              before + 1,
              'a post answered as accepted but not stored changed KV beyond its decoy',
            )
            return
          }
          // Held for moderation whatever the body said (a __proto__ member cannot approve it).
          assert.equal((JSON.parse(stored) as { status: string }).status, 'pending')
          return
        }
        assert.ok(refusals.has(response.status), `unexpected ${response.status} ${answer}`)
        const type = response.headers.get('content-type') ?? ''
        const form = /^(multipart|application\/x-www)/i.test(post.contentType ?? '')
        // Only a browser's form post (Accept: text/html) may get the page back.
        const page = form && post.accept === 'text/html'
        assert.match(
          type,
          page ? /^(text\/html|application\/problem\+json)/ : /^application\/problem\+json/,
        )
        assert.equal(after.length, before, `refused with ${response.status} but KV changed`)
      }),
      { numRuns: hostileRuns, ...seed, examples: edgeCases() },
    )
    console.log(`hostile posts by status: ${JSON.stringify(Object.fromEntries(seen))}`)
    // The fuzzing is not vacuous: it reached both refusals and acceptances.
    for (const status of [201, 303, 400, 413, 415, 422]) {
      assert.ok((seen.get(status) ?? 0) > 0, `no ${status} in ${JSON.stringify([...seen])}`)
    }
  })
})

/** Cases every run includes: empty and oversized bodies, broken multipart, prototype keys. */
function edgeCases(): Array<[FuzzPost]> {
  const sizes = bodySizes.flatMap((size) => encodings.map((type) => sizedPost(size, type)))
  const proto = jsonObjectText([
    ['__proto__', { author: 'x', email: 'p@example.org', content: 'polluted' }],
    ['constructor', { prototype: { content: 'x' } }],
  ])
  const pollutedValid = jsonObjectText([
    ['__proto__', { status: 'approved', email: 'x' }],
    ['author', 'Proto'],
    ['email', 'proto@example.org'],
    ['content', 'a comment with a __proto__ key beside it'],
  ])
  const part = [{ name: 'content', value: 'x' }]
  const withFile = multipartBytes([
    { name: 'author', value: 'File' },
    { name: 'email', value: 'file@example.org' },
    { name: 'content', value: 'a comment with a file beside it' },
    { name: 'attachment', value: 'x', filename: 'x.txt' },
  ])
  const posts: FuzzPost[] = [
    ...sizes,
    { kind: 'json __proto__', contentType: 'application/json', body: encoder.encode(proto) },
    {
      kind: 'json valid beside __proto__',
      contentType: 'application/json',
      body: encoder.encode(pollutedValid),
    },
    { kind: 'multipart valid beside a file', contentType: multipartType, body: withFile },
    {
      kind: 'multipart unterminated',
      contentType: multipartType,
      body: multipartBytes(part, false),
    },
    {
      kind: 'multipart no boundary',
      contentType: 'multipart/form-data',
      body: multipartBytes(part),
    },
    {
      kind: 'urlencoded bad escapes',
      contentType: 'application/x-www-form-urlencoded',
      accept: 'text/html',
      body: encoder.encode('author=%FF&email=%ZZ&content=%ED%A0%80'),
    },
  ]
  return posts.map((post) => [fuzzPost(post)])
}

// Text a reader could type that every rule still allows, with the normalisations the
// intake applies: surrounding whitespace, CR and CRLF line ends, decomposed accents.
const padding = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u3000', '\ufeff', '\u2028'), {
    maxLength: 3,
  })
  .map((parts) => parts.join(''))
const tricky = fc.constantFrom(
  ']]>',
  '<b>bold</b>',
  '<script>alert(1)</script>',
  '&amp;',
  '& ',
  'e\u0301',
  '\u212b',
  '\u0928\u093c',
  'क्\u200dष',
  '👩🏽\u200d💻',
  '\ufffe',
  '\uffff',
  '\u2028',
  '"\'',
  '<![CDATA[x]]>',
  'अनुच्छेद',
)
const phrase = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), tricky), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join(''))
const lineBreak = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n')
const multiline = fc
  .tuple(padding, fc.array(fc.tuple(phrase, lineBreak), { maxLength: 4 }), phrase, padding)
  .map(([lead, lines, last, trail]) => lead + lines.map(([l, b]) => l + b).join('') + last + trail)

let reader = 0
const readerComment = fc
  .record({
    author: fc.tuple(padding, phrase, padding).map((parts) => parts.join('')),
    content: multiline,
    url: fc.option(fc.webUrl({ validSchemes: ['https', 'http'] }), { nil: undefined }),
    encoding: fc.constantFrom('json', 'urlencoded', 'multipart'),
    accept: fc.constantFrom(undefined, 'text/html'),
  })
  .map((c) => ({ ...c, email: `reader-${++reader}@example.org` }))

type ReaderComment = typeof readerComment extends fc.Arbitrary<infer T> ? T : never

function encode(comment: ReaderComment): FuzzPost {
  const fields: Array<[string, string]> = [
    ['author', comment.author],
    ['email', comment.email],
    ['content', comment.content],
    ...(comment.url ? [['url', comment.url] as [string, string]] : []),
  ]
  const accept = comment.accept
  if (comment.encoding === 'json') {
    return {
      kind: 'json',
      contentType: 'application/json',
      body: encoder.encode(jsonObjectText(fields)),
    }
  }
  if (comment.encoding === 'urlencoded') {
    const body = encoder.encode(`${new URLSearchParams(fields)}`)
    return { kind: 'urlencoded', contentType: 'application/x-www-form-urlencoded', accept, body }
  }
  const body = multipartBytes(fields.map(([name, value]) => ({ name, value })))
  return { kind: 'multipart', contentType: multipartType, accept, body }
}

describe('comments that pass every rule', () => {
  let worker: TestWorker
  before(async () => {
    worker = await startWorker()
  })
  after(() => worker.stop())

  test('round-trip their normalised text exactly, and every feed stays valid once they are approved', async () => {
    const accepted: Array<{ id: string; author: string; content: string }> = []
    const kv = await worker.kv()
    await fc.assert(
      fc.asyncProperty(readerComment, async (comment) => {
        const { author, email, content, url } = comment
        const verdict = validateComment({ author, email, content, url })
        const before = (await worker.kvKeys()).length
        const client = newClient()
        const response = await send(worker, encode(comment), client)
        const answer = await response.text()
        if (!verdict.ok) {
          // The pure validator refused (e.g. a generated control character): so must HTTP.
          assert.equal(response.status, 422, answer)
          assert.equal((await worker.kvKeys()).length, before)
          return
        }
        assert.equal(response.status, comment.encoding === 'json' ? 201 : 303, answer)
        const id = acceptedId(response, answer)
        const stored = JSON.parse((await kv.get(`v1:comment:${id}`)) ?? 'null') as Record<
          string,
          string
        >
        assert.equal(stored.author, normalise(comment.author))
        assert.equal(stored.content, normalise(comment.content))
        assert.equal(stored.url, comment.url ? normalise(comment.url) : undefined)
        assert.equal(stored.email, comment.email)
        // The client is kept only as a salted hash, never as the address.
        assert.match(stored.client ?? '', /^[0-9a-f]{32}$/)
        assert.ok(!JSON.stringify(stored).includes(client))
        accepted.push({ id, author: stored.author, content: stored.content })
      }),
      { numRuns: roundTripRuns, ...seed },
    )
    console.log(`reader comments accepted: ${accepted.length} of ${roundTripRuns}`)
    assert.ok(accepted.length >= roundTripRuns / 2, `only ${accepted.length} accepted`)

    for (const { id } of accepted) {
      assert.equal((await adminCall(worker, 'POST', `/admin/comments/${id}/approve`)).status, 200)
    }
    await untilReadersSee(
      worker,
      commentsPath,
      accepted.map(({ id }) => id),
    )
    const published = (await (await worker.fetch(commentsPath)).json()) as {
      comments: Array<{ id: string; author: string; content: string }>
    }
    assert.deepEqual(
      published.comments.map(({ id, author, content }) => ({ id, author, content })),
      accepted,
      'the public JSON shows exactly the stored text',
    )
    for (const path of feedPaths) {
      const response = await worker.fetch(path)
      assert.equal(response.status, 200, path)
      const feed = await response.text()
      if (path.endsWith('.xml')) assertWellFormedXml(feed)
      else assertValidJsonFeed(JSON.parse(feed))
    }
    // No e-mail address reaches any public output.
    for (const path of ['/', `/articles/${slug}`, commentsPath, ...feedPaths]) {
      const output = await (await worker.fetch(path)).text()
      assert.doesNotMatch(output, /reader-\d+@example\.org/, path)
    }
  })
})
