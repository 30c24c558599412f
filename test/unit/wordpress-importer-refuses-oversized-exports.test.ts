import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { maxPostCharacters, planImport } from '../../scripts/wordpress/convert'
import { parseWxr } from '../../scripts/wordpress/wxr'
import { runScript } from '../support/run-script'

const folder = mkdtempSync(join(tmpdir(), 'wordpress-size-'))
after(() => rmSync(folder, { recursive: true, force: true }))

function importWordPress(args: string[]) {
  const { ADMIN_TOKEN: _token, SITE_URL: _url, ...inherited } = process.env
  return runScript('import-wordpress.ts', [...args, '--content', folder, '--articles-only'], {
    env: inherited,
  })
}

// Each case starts the importer as its own process and waits for it: they run side by side.
describe('the WordPress importer bounds what it reads', { concurrency: true }, () => {
  test('a file over 50 MiB is refused before it is read, with how to go on', async () => {
    // Sparse: 51 MiB by its size, nothing written, so only a stat can tell.
    const file = join(folder, 'huge.xml')
    writeFileSync(file, '')
    truncateSync(file, 51 * 1024 * 1024)
    const run = await importWordPress([file])
    assert.equal(run.code, 2)
    assert.match(
      run.stderr,
      /huge\.xml is 51\.0 MiB \(53477376 bytes\), more than the 50 MiB this importer reads/,
    )
    assert.match(run.stderr, /--max-mib/)
  })

  test('a pipe, whose size no stat can tell, is refused without being read', async () => {
    const fifo = join(folder, 'export.fifo')
    execFileSync('mkfifo', [fifo])
    const run = await importWordPress([fifo])
    assert.equal(run.code, 2)
    assert.match(run.stderr, /export\.fifo is not a regular file/)
  })

  test('--max-mib raises the limit and must be a positive number', async () => {
    const file = join(folder, 'small.xml')
    writeFileSync(file, 'x'.repeat(2 * 1024 * 1024))
    const [refused, read, wrong] = await Promise.all([
      importWordPress([file, '--max-mib', '1']),
      // Read with a higher limit: refused only for what it holds.
      importWordPress([file, '--max-mib', '3']),
      importWordPress([file, '--max-mib', 'lots']),
    ])
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /small\.xml is 2\.0 MiB \(2097152 bytes\), more than the 1 MiB/)
    assert.equal(read.code, 2)
    assert.match(read.stderr, /small\.xml is not well-formed XML/)
    assert.equal(wrong.code, 2)
    assert.match(wrong.stderr, /--max-mib must be a positive number of MiB, not lots/)
  })

  test('a post longer than 4 Mi characters is skipped by name', () => {
    const body = `<p>${'x'.repeat(maxPostCharacters)}</p>`
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Big</title><link>https://big.example</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Pasted data</title><content:encoded><![CDATA[${body}]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_date>2024-01-01 10:00:00</wp:post_date>
<wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password></item>
</channel></rss>`
    const plan = planImport(parseWxr(xml), { fallbackLanguage: 'en' })
    assert.deepEqual(plan.skippedPosts, [
      { id: '7', kind: 'post', title: 'Pasted data', reason: 'too large' },
    ])
    assert.deepEqual(plan.articles, [])
  })
})
