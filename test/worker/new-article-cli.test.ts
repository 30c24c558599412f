import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, test } from 'node:test'
import { parse as parseYaml } from 'yaml'
import { dataFiles } from '../../src/content/data-files'
import { testSiteContent } from '../harness/test-site'
import { runScript } from '../support/run-script'

/** Runs scripts/<script> against a copy of the content folder. */
const inContent = (script: string, args: string[], contentDir: string) =>
  runScript(script, args, { env: { ...process.env, CONTENT_DIR: contentDir } })

describe('npm run new-article', () => {
  // A copy of the test site per test: the command writes into it.
  let contentDir: string
  beforeEach(() => {
    contentDir = join(mkdtempSync(join(tmpdir(), 'new-article-')), 'content')
    cpSync(testSiteContent, contentDir, { recursive: true })
  })
  afterEach(() => {
    rmSync(join(contentDir, '..'), { recursive: true, force: true })
  })

  test('creates content/articles/<slug>.md as a draft that the build accepts and publishes once undrafted', async () => {
    const run = await inContent('new-article.ts', ['monsoon-arrives-early'], contentDir)
    assert.equal(run.code, 0, run.stderr)
    const file = join(contentDir, 'articles', 'monsoon-arrives-early.md')
    assert.match(run.stdout, /^Created .*monsoon-arrives-early\.md\./)
    const frontMatter = parseYaml(readFileSync(file, 'utf8').split(/^---$/m)[1] ?? '')
    assert.equal(frontMatter.slug, 'monsoon-arrives-early')
    assert.equal(frontMatter.language, 'hi', "the site's language")
    assert.match(frontMatter.published, /^\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d$/)
    assert.ok(Math.abs(Date.parse(frontMatter.published) - Date.now()) < 120_000, 'published now')

    assert.equal(frontMatter.draft, true, 'a deploy never publishes its TODOs')

    const listedAfterBuild = async (outDir: string) => {
      const build = await inContent('build-content.ts', [contentDir, outDir], contentDir)
      assert.equal(build.code, 0, build.stderr)
      const listed = JSON.parse(
        readFileSync(join(outDir, 'assets', dataFiles.siteList(0)), 'utf8'),
      ) as Array<{ slug: string }>
      return listed.some((article) => article.slug === 'monsoon-arrives-early')
    }
    assert.equal(await listedAfterBuild(join(contentDir, '..', 'built-draft')), false)
    writeFileSync(file, readFileSync(file, 'utf8').replace('draft: true', 'draft: false'))
    assert.equal(await listedAfterBuild(join(contentDir, '..', 'built')), true)
  })

  test('starts content/articles/ again when the last article and its folder were removed', async () => {
    rmSync(join(contentDir, 'articles'), { recursive: true })
    const run = await inContent('new-article.ts', ['monsoon-arrives-early'], contentDir)
    assert.equal(run.code, 0, run.stderr)
    assert.ok(existsSync(join(contentDir, 'articles', 'monsoon-arrives-early.md')))
  })

  test('refuses a slug that is already taken and leaves that file alone', async () => {
    const file = join(contentDir, 'articles', 'openai-sora-artists-leak-protest.md')
    const before = readFileSync(file, 'utf8')
    const run = await inContent('new-article.ts', ['openai-sora-artists-leak-protest'], contentDir)
    assert.equal(run.code, 1)
    assert.match(
      run.stderr,
      /openai-sora-artists-leak-protest\.md already exists\. Choose another slug/,
    )
    assert.equal(readFileSync(file, 'utf8'), before)
  })

  test('refuses a slug that is not lowercase ASCII kebab-case, suggesting one', async () => {
    const cases: Array<[string, RegExp]> = [
      ['My First Post', /"My First Post" is not a valid slug: .*, e\.g\. "my-first-post"/],
      ['double--hyphen', /"double--hyphen" is not a valid slug: .*, e\.g\. "double-hyphen"/],
      ['नया-लेख', /"नया-लेख" is not a valid slug: use lowercase ASCII letters/],
      ['trailing-', /"trailing-" is not a valid slug/],
    ]
    for (const [slug, message] of cases) {
      const run = await inContent('new-article.ts', [slug], contentDir)
      assert.equal(run.code, 1, slug)
      assert.match(run.stderr, message)
      assert.ok(!existsSync(join(contentDir, 'articles', `${slug}.md`)), slug)
    }
  })

  test('without a slug prints how to call it', async () => {
    const run = await inContent('new-article.ts', [], contentDir)
    assert.equal(run.code, 1)
    assert.match(run.stderr, /Usage: npm run new-article -- <slug>/)
  })
})
