import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { testSiteSettings } from '../harness/test-site'
import { adminToken, startWorker, type TestWorker } from '../harness/worker'
import { adminCall } from '../support/comments'
import { runScript } from '../support/run-script'

const exportFile = 'test/fixtures/wordpress/export-1.2.xml'

interface ReaderComment {
  id: string
  author: string
  content: string
  parent?: string
  created: string
}

describe('npm run import-wordpress, end to end against a started site', () => {
  let content: string
  let worker: TestWorker

  function importWordPress(args: string[]) {
    const { ADMIN_TOKEN: _token, SITE_URL: _url, ...inherited } = process.env
    return runScript('import-wordpress.ts', [exportFile, '--content', content, ...args], {
      env: { ...inherited, ADMIN_TOKEN: adminToken },
    })
  }

  async function readerComments(slug: string): Promise<ReaderComment[]> {
    const response = await worker.fetch(`/articles/${slug}/comments`)
    assert.equal(response.status, 200)
    return ((await response.json()) as { comments: ReaderComment[] }).comments
  }

  // The articles first (as a publisher would, before deploying), then a site built from them.
  before(async () => {
    content = mkdtempSync(join(tmpdir(), 'wordpress-content-'))
    cpSync(testSiteSettings, join(content, 'site.yaml'))
    mkdirSync(join(content, 'articles'))
    const articles = await importWordPress(['--articles-only'])
    assert.equal(articles.code, 0, articles.stderr)
    worker = await startWorker({ scriptPath: buildFixtureBundle(content), quiet: true })
  })
  after(async () => {
    await worker?.stop()
    rmSync(content, { recursive: true, force: true })
  })

  test('--articles-only writes the posts (a draft kept as one) and pages, and sends nothing', async () => {
    assert.deepEqual(readdirSync(join(content, 'articles')).sort(), [
      '103.md',
      'artists-leak-sora-110.md',
      'artists-leak-sora.md',
      'eai-bhs.md',
      'half-written.md',
    ])
    assert.deepEqual(readdirSync(join(content, 'pages')), ['about.md'])
    assert.deepEqual(await worker.kvKeys(), [])
  })

  test('the built site serves the imported articles', async () => {
    const page = await (await worker.fetch('/articles/artists-leak-sora')).text()
    assert.match(page, /Artists leak Sora in protest/)
    assert.match(page, /<figcaption>A still from a Sora video<\/figcaption>/)
    const untitled = await (await worker.fetch('/articles/103')).text()
    assert.match(untitled, /\(no title\)/)
  })

  test('approved comments arrive threaded, and readers see them', async () => {
    const run = await importWordPress(['--url', worker.origin])
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /Articles: 5 posts .*\(0 new, 0 changed, 5 unchanged\)/)
    assert.match(run.stdout, /skipped private post 104: Staff only/)
    assert.match(run.stdout, /skipped password-protected post 105: Members' preview/)
    assert.match(
      run.stdout,
      /comments skipped: 1 on items not imported, 1 pending, 1 pingback, 1 spam, 1 trackback, 1 trash/,
    )
    assert.match(run.stdout, /6 approved comments sent to .* \(6 new, 0 already there\)/)

    const comments = await readerComments('artists-leak-sora')
    assert.deepEqual(
      comments.map((c) => c.author),
      ['Ann Smith', 'राहुल', 'Bob', 'Anonymous', 'Carol'],
    )
    const [ann, rahul, bob, , carol] = comments
    assert.equal(rahul?.parent, ann?.id)
    assert.equal(carol?.parent, ann?.id)
    assert.equal(bob?.parent, undefined)
    assert.equal(ann?.created, '2024-11-27T12:30:00.000Z')
    assert.deepEqual(
      (await readerComments('eai-bhs')).map((c) => c.content),
      ['बहुत अच्छा लेख।'],
    )
    const page = await (await worker.fetch('/articles/artists-leak-sora')).text()
    assert.match(page, /सहमत हूँ।/)

    const moderated = (await (
      await adminCall(worker, 'GET', '/admin/comments?status=approved&article=artists-leak-sora')
    ).json()) as { comments: Array<{ email: string; url?: string }> }
    assert.ok(moderated.comments.some((c) => c.email === 'ann@example.org'))
    assert.ok(moderated.comments.some((c) => c.url === 'https://ann.example.org/'))
  })

  test('running it again changes nothing: same files, same keys, same counts', async () => {
    const kv = await worker.kv()
    const keys = await worker.kvKeys()
    const values = await Promise.all(keys.map((key) => kv.get(key)))
    const files = readdirSync(join(content, 'articles')).map((name) =>
      readFileSync(join(content, 'articles', name), 'utf8'),
    )
    const run = await importWordPress(['--url', worker.origin])
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /Articles: 5 posts .*\(0 new, 0 changed, 5 unchanged\)/)
    assert.match(run.stdout, /\(0 new, 6 already there\)/)
    const keysAfter = await worker.kvKeys()
    assert.deepEqual(keysAfter, keys)
    for (const [index, key] of keys.entries()) {
      if (key === 'v1:counts') continue
      assert.equal(await kv.get(key), values[index], key)
    }
    const counts = JSON.parse((await kv.get('v1:counts')) ?? '{}')
    assert.deepEqual(counts.articles, { 'artists-leak-sora': 5, 'eai-bhs': 1 })
    assert.deepEqual(
      readdirSync(join(content, 'articles')).map((name) =>
        readFileSync(join(content, 'articles', name), 'utf8'),
      ),
      files,
    )
  })

  test('without a token nothing is written and it says where a token goes', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'wordpress-empty-'))
    try {
      const { ADMIN_TOKEN: _token, SITE_URL: _url, ...inherited } = process.env
      const run = await runScript(
        'import-wordpress.ts',
        [join(process.cwd(), exportFile), '--content', empty, '--url', worker.origin],
        { env: inherited, cwd: empty },
      )
      assert.equal(run.code, 2)
      assert.match(run.stderr, /No admin token/)
      assert.deepEqual(readdirSync(empty), [])
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
