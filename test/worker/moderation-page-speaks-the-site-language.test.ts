import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildFixtureBundle } from '../harness/fixture-bundle'
import { startWorker, type TestWorker } from '../harness/worker'
import { articleFile } from '../support/content-folder'
import { signIn } from '../support/moderation-page'

/** The English second site, with one article scheduled a year ahead. */
function englishSiteWithAScheduledArticle(): string {
  const content = mkdtempSync(join(tmpdir(), 'moderation-language-'))
  cpSync('test/fixtures/second-site', content, { recursive: true })
  const nextYear = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString()
  writeFileSync(
    join(content, 'articles', 'not-out-yet.md'),
    articleFile({ slug: 'not-out-yet', published: nextYear, title: 'Scheduled for next year' }),
  )
  return content
}

let hindi: TestWorker
let english: TestWorker
before(async () => {
  hindi = await startWorker()
  english = await startWorker({
    scriptPath: buildFixtureBundle(englishSiteWithAScheduledArticle()),
  })
})
after(async () => {
  await hindi.stop()
  await english.stop()
})

describe('the moderation page on a Hindi site', () => {
  it('signs in in Hindi, with lang="hi"', async () => {
    const page = await (await hindi.fetch('/admin')).text()
    assert.match(page, /<html lang="hi"/)
    assert.match(page, /<label for="admin-token">एडमिन टोकन<\/label>/)
    assert.match(page, /<button type="submit">साइन इन करें<\/button>/)
  })

  it('lists, filters and signs out in Hindi, with lang="hi"', async () => {
    const page = await (await (await signIn(hindi)).get('/admin')).text()
    assert.match(page, /<html lang="hi"/)
    assert.match(page, /<h1>मॉडरेशन<\/h1>/)
    assert.match(page, /<label for="filter-status">स्थिति<\/label>/)
    assert.match(page, /<option value="">सभी लेख<\/option>/)
    assert.match(page, /<button type="submit">साइन आउट करें<\/button>/)
    assert.doesNotMatch(page, />(Moderation|Status|All articles|Sign out|Show)</)
  })
})

describe('the moderation page on an English site', () => {
  it('speaks English, with lang="en"', async () => {
    const page = await (await (await signIn(english)).get('/admin')).text()
    assert.match(page, /<html lang="en"/)
    assert.match(page, /<h1>Moderation<\/h1>/)
    assert.match(page, /<option value="">All articles<\/option>/)
  })

  it('offers only articles that are out in its article filter, not a scheduled one', async () => {
    const page = await (await (await signIn(english)).get('/admin')).text()
    const filter = page.slice(
      page.indexOf('id="filter-article"'),
      page.indexOf('</select>', page.indexOf('id="filter-article"')),
    )
    assert.match(filter, /<option value="open-article">Comments are open here<\/option>/)
    assert.match(filter, /<option value="closed-article">/)
    assert.doesNotMatch(filter, /not-out-yet|Scheduled for next year/)
  })
})
