import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, test } from 'node:test'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { runScript } from '../support/run-script'
import { seed } from '../support/seed'

// test-runner: long (a CLI process per step): started first, so the run does not end waiting for it.

/** Runs `npm run moderate -- <args>` as its own process, with only the environment given. */
function moderate(args: string[], env: Record<string, string> = {}, cwd = process.cwd()) {
  const { ADMIN_TOKEN: _token, SITE_URL: _url, ...inherited } = process.env
  return runScript('moderate.ts', args, { env: { ...inherited, ...env }, cwd })
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('npm run moderate', () => {
  let worker: TestWorker
  let asOperator: Record<string, string>
  let client = 0

  /** Posts a comment through the public JSON intake; returns its id and edit token. */
  async function postWithToken(author: string, content: string) {
    client += 1
    const response = await worker.fetch(`/articles/${seed.slug}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': `192.0.2.${client}` },
      body: JSON.stringify({ author, email: `reader${client}@example.in`, content }),
    })
    assert.equal(response.status, 201)
    return (await response.json()) as { id: string; edit_token: string }
  }

  /** Posts a comment through the public JSON intake; returns its id. */
  async function post(author: string, content: string): Promise<string> {
    return (await postWithToken(author, content)).id
  }

  // One site for the file, its KV emptied before every test, so no test sees another's
  // comments: starting a Worker for each test cost more than all the tests together.
  before(async () => {
    worker = await startWorker()
    asOperator = { ADMIN_TOKEN: adminToken, SITE_URL: worker.origin }
  })
  beforeEach(async () => {
    const kv = await worker.kv()
    await Promise.all((await worker.kvKeys()).map((key) => kv.delete(key)))
  })
  after(async () => {
    await worker?.stop()
  })

  test('keeps the device token the site hands it, and so still gets in once strangers on its network are locked out', async () => {
    // A site of its own: the lockout would refuse the other tests' requests for a minute.
    const site = await startWorker()
    const asOperator = { ADMIN_TOKEN: adminToken, SITE_URL: site.origin }
    const home = mkdtempSync(join(tmpdir(), 'moderate-device-'))
    const elsewhere = mkdtempSync(join(tmpdir(), 'moderate-no-device-'))
    try {
      assert.equal((await moderate(['list'], asOperator, home)).code, 0)
      const devices = JSON.parse(readFileSync(join(home, '.cache/admin-devices.json'), 'utf8'))
      assert.match(devices[site.origin] ?? '', /^[\w-]{22}\.[\w-]{43}$/)
      // Strangers guess from the same network (the CLI's requests carry no CF-Connecting-IP).
      for (let i = 0; i <= 10; i++) {
        const guess = await site.fetch('/admin/comments', {
          headers: { authorization: 'Bearer guess' },
        })
        await guess.body?.cancel()
      }
      const locked = await moderate(['list'], asOperator, elsewhere)
      assert.equal(locked.code, 1)
      assert.match(locked.stderr, /HTTP 429/)
      const known = await moderate(['list'], asOperator, home)
      assert.equal(known.code, 0, known.stderr)
    } finally {
      await site.stop()
      rmSync(home, { recursive: true, force: true })
      rmSync(elsewhere, { recursive: true, force: true })
    }
  })

  test('list prints pending comments as a table: id, article, author, created, first 60 characters', async () => {
    const long =
      'Artists who tested Sora leaked access to it,\nprotesting what they call art washing by OpenAI.'
    const shortId = await post('सुनीता शर्मा', 'छोटी टिप्पणी')
    const longId = await post('Ann Smith', long)
    const run = await moderate(['list'], asOperator)
    assert.equal(run.code, 0, run.stderr)
    const lines = run.stdout.split('\n')
    assert.match(lines[0] ?? '', /^2 pending comments at http:\/\/127\.0\.0\.1:\d+:$/)
    assert.match(lines[2] ?? '', /^ID\s+ARTICLE\s+AUTHOR\s+CREATED \(UTC\)\s+TEXT$/)
    const row = (id: string) => lines.find((line) => line.startsWith(id)) ?? ''
    assert.match(
      row(shortId),
      new RegExp(
        `${seed.slug}\\s+सुनीता शर्मा\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+छोटी टिप्पणी$`,
      ),
    )
    assert.ok(
      // One line, cut at 60 characters.
      row(longId).endsWith('  Artists who tested Sora leaked access to it, protesting what…'),
      row(longId),
    )
    assert.ok(!run.stdout.includes('@example.in'), 'the table leaves e-mail addresses out')
  })

  test('approve publishes a comment, spam hides it, delete removes it', async () => {
    const id = await post('राहुल', 'स्वीकृत होने वाली टिप्पणी')
    assert.equal((await moderate(['list'], asOperator)).code, 0)
    const approved = await moderate(['approve', id], asOperator)
    assert.equal(approved.code, 0, approved.stderr)
    assert.equal(approved.stdout.trim(), `Approved ${id} by राहुल on ${seed.slug}.`)
    const shown = await (await worker.fetch(`/articles/${seed.slug}/comments`)).text()
    assert.ok(shown.includes(id), 'readers see the approved comment')
    assert.ok((await moderate(['list', '--status', 'approved'], asOperator)).stdout.includes(id))

    const spam = await moderate(['spam', id], asOperator)
    assert.equal(spam.stdout.trim(), `Marked ${id} by राहुल on ${seed.slug} as spam.`)
    assert.ok((await moderate(['list', '--status', 'spam'], asOperator)).stdout.includes(id))

    const deleted = await moderate(['delete', id], asOperator)
    assert.equal(deleted.stdout.trim(), `Deleted ${id}.`)
    const none = await moderate(['list', '--status', 'spam'], asOperator)
    assert.equal(none.stdout.trim(), `No spam comments at ${worker.origin}.`)
  })

  test('approve refuses a comment its author edited after it was listed, and approves it once listed again', async () => {
    const { id, edit_token } = await postWithToken('Ann Smith', 'Great article, thanks!')
    const unlisted = await moderate(['approve', id], asOperator)
    assert.equal(unlisted.code, 2)
    assert.match(unlisted.stderr, /was not in a list of .*: list it first/)

    assert.match((await moderate(['list'], asOperator)).stdout, /Great article, thanks!/)
    const edited = await worker.fetch(`/articles/${seed.slug}/comments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${edit_token}` },
      body: JSON.stringify({ content: 'BUY PILLS https://evil.example/spam' }),
    })
    assert.equal(edited.status, 200)
    const refused = await moderate(['approve', id], asOperator)
    assert.equal(refused.code, 1)
    assert.match(
      refused.stderr,
      new RegExp(`Comment "${id}" was edited by its author since you listed it`),
    )
    const pending = await moderate(['list'], asOperator)
    assert.match(pending.stdout, /BUY PILLS/)

    const approved = await moderate(['approve', id], asOperator)
    assert.equal(approved.code, 0, approved.stderr)
  })

  test('list --article shows one article only', async () => {
    const id = await post('मीरा', 'इस लेख पर')
    const other = await moderate(['list', '--article', 'some-other-article'], asOperator)
    assert.equal(
      other.stdout.trim(),
      `No pending comments on some-other-article at ${worker.origin}.`,
    )
    const mine = await moderate(['list', '--article', seed.slug], asOperator)
    assert.ok(mine.stdout.includes(id))
  })

  test('--url and the ADMIN_TOKEN line of .dev.vars are used when the environment has none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moderate-'))
    try {
      writeFileSync(join(dir, '.dev.vars'), `# local\nADMIN_TOKEN="${adminToken}"\n`)
      const run = await moderate(['list', '--url', `${worker.origin}/`], {}, dir)
      assert.equal(run.code, 0, run.stderr)
      assert.match(run.stdout, /^No pending comments at http:\/\/127\.0\.0\.1:\d+\.$/m)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a wrong token exits 1 and says where the token came from and which one to use', async () => {
    const run = await moderate(['list'], { ...asOperator, ADMIN_TOKEN: 'not-the-token' })
    assert.equal(run.code, 1)
    assert.equal(run.stdout, '')
    assert.match(
      run.stderr,
      /refused the admin token \(401 Unauthorized\); it came from ADMIN_TOKEN/,
    )
    assert.match(run.stderr, /wrangler secret put ADMIN_TOKEN/)
  })

  test('an unreachable site exits 1 and names the address', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const run = await moderate(['list', '--url', url], { ADMIN_TOKEN: adminToken })
    assert.equal(run.code, 1)
    assert.match(run.stderr, new RegExp(`Cannot reach ${url}: ECONNREFUSED`))
    assert.match(run.stderr, /--url or SITE_URL/)
  })

  test('an unknown comment id exits 1 and names the id', async () => {
    for (const command of ['spam', 'delete']) {
      const run = await moderate([command, '0000000000000000000'], asOperator)
      assert.equal(run.code, 1, command)
      assert.match(run.stderr, /There is no comment "0000000000000000000" on .* \(404\)/)
    }
  })

  test('an empty comment id or article slug exits 2 naming what is missing', async () => {
    for (const [args, message] of [
      [['approve', ''], /approve needs a comment id\./],
      [['delete', '  '], /delete needs a comment id\./],
      [['list', '--article', ''], /--article needs a slug\./],
    ] as const) {
      const run = await moderate([...args], asOperator)
      assert.equal(run.code, 2, args.join(' '))
      assert.match(run.stderr, message)
      assert.match(run.stderr, /Usage:\n {2}npm run moderate -- list/)
    }
  })

  test('a missing token, a wrong command or a bad status exits 2 with guidance', async () => {
    const noToken = await moderate(['list'], { SITE_URL: worker.origin }, tmpdir())
    assert.equal(noToken.code, 2)
    assert.match(noToken.stderr, /No admin token\. Set ADMIN_TOKEN .* \.dev\.vars/)
    for (const args of [[], ['publish', 'x'], ['approve'], ['list', '--status', 'held']]) {
      const run = await moderate(args, asOperator)
      assert.equal(run.code, 2, args.join(' '))
      assert.match(run.stderr, /Usage:\n {2}npm run moderate -- list/)
    }
    const plainHttp = await moderate(['list', '--url', 'http://news.example.org'], asOperator)
    assert.equal(plainHttp.code, 2)
    assert.match(plainHttp.stderr, /over plain http/)
  })
})
