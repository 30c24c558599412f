import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { pngHeader } from '../support/images'
import { type Run, runScript } from '../support/run-script'

// One of everything: attachments, a post with [caption], [gallery], [embed], [audio],
// [video], an unknown shortcode, a remote image and a comment; a block-editor post;
// a draft; a scheduled post; two pages (one at an address a route uses); a private post.
const exportFile = 'test/fixtures/wordpress/whole-site.xml'

/** Every file under `dir` with its bytes, by path relative to it. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry): [string, string] => {
        const path = join(entry.parentPath, entry.name)
        return [relative(dir, path), readFileSync(path).toString('base64')]
      })
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  )
}

describe('npm run import-wordpress of a whole site, with its uploads folder', () => {
  let root: string
  let content: string
  let first: Run

  const importSite = () =>
    runScript(
      'import-wordpress.ts',
      [exportFile, '--content', content, '--uploads', join(root, 'uploads'), '--articles-only'],
      { env: { ...process.env } },
    )

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'wordpress-site-'))
    content = join(root, 'content')
    mkdirSync(content)
    writeFileSync(
      join(content, 'site.yaml'),
      'title: Coast News\ndescription: News from the coast\nlanguage: en\n' +
        'id_authority: coast.example.org,2024\nfeed_size: 20\n',
    )
    // The old site's wp-content/uploads holds one of the two attachments.
    mkdirSync(join(root, 'uploads', '2024', '11'), { recursive: true })
    writeFileSync(join(root, 'uploads', '2024', '11', 'harbour.png'), pngHeader(40, 30))
    first = await importSite()
    assert.equal(first.code, 0, first.stderr)
  })
  after(() => rmSync(root, { recursive: true, force: true }))

  test('writes posts, drafts, scheduled posts and pages, and copies the uploaded image', () => {
    assert.deepEqual(Object.keys(snapshot(content)), [
      'articles/crowd-at-the-studio.md',
      'articles/election-night.md',
      'articles/half-written-thoughts.md',
      'articles/harbour-morning.md',
      'media/2024/11/harbour.png',
      'pages/about-us.md',
      'pages/archive-page.md',
      'site.yaml',
    ])
    const read = (path: string) => readFileSync(join(content, path), 'utf8')
    assert.match(read('articles/half-written-thoughts.md'), /\ndraft: true\n/)
    assert.match(read('articles/election-night.md'), /\npublished: 2099-01-01T20:00:00\+05:30\n/)
    assert.match(read('pages/about-us.md'), /^---\ntitle: About us\ndescription: Who we are\.\n/)
  })

  test('turns shortcodes into allowed HTML and writes every image with alt, width and height', () => {
    const post = readFileSync(join(content, 'articles', 'harbour-morning.md'), 'utf8')
    assert.match(
      post,
      /<figure><img src="\/media\/2024\/11\/harbour.png" alt="Harbour at dawn" width="40" height="30" \/><figcaption>Boats at dawn<\/figcaption><\/figure>/,
    )
    assert.match(post, /<ul>\n<li><img src="\/media\/2024\/11\/harbour.png"/)
    assert.match(
      post,
      /<li><img src="https:\/\/old.example.org\/wp-content\/uploads\/2024\/11\/crowd.jpg" alt="Crowd outside the studio" width="1200" height="800" \/><\/li>/,
    )
    assert.match(post, /<a href="https:\/\/video.example.com\/watch\?v=abc">/)
    assert.match(
      post,
      /<a href="https:\/\/old.example.org\/wp-content\/uploads\/2024\/11\/talk.mp3">talk.mp3<\/a>/,
    )
    assert.match(
      post,
      /<a href="https:\/\/old.example.org\/wp-content\/uploads\/2024\/11\/clip.mp4">clip.mp4<\/a>/,
    )
    assert.match(post, /<a href="https:\/\/cdn.example.net\/chart.png">chart<\/a>/)
  })

  test('reports each item not brought across and each change, by name', () => {
    for (const line of [
      'skipped private post 107: Staff only',
      'attachment not copied: 2024/11/crowd.jpg (not in the uploads folder)',
      'articles/harbour-morning.md (WordPress post 101):',
      'image 2024/11/harbour.png had no alt text: wrote "Harbour at dawn"',
      'image 2024/11/crowd.jpg stays on the old site',
      'image https://cdn.example.net/chart.png has no known size: written as a link to it',
      '[gallery] written as a list of 2 images',
      '[audio] written as a link to https://old.example.org/wp-content/uploads/2024/11/talk.mp3',
      'shortcode [contact-form-7] left as text',
      'the address /archive is taken: the page is /archive-page',
      'Comments: 1 approved comment not sent (--articles-only).',
    ]) {
      assert.ok(first.stdout.includes(line), `report lacks: ${line}\n${first.stdout}`)
    }
  })

  test('the content build takes every imported file at once', () => {
    const built = spawnSync(
      process.execPath,
      ['scripts/run-bundled.mjs', 'scripts/build-content.ts', content, join(root, 'out')],
      { encoding: 'utf8' },
    )
    assert.equal(built.status, 0, built.stderr)
    const pages = JSON.parse(readFileSync(join(root, 'out', 'content.json.txt'), 'utf8')).pages
    assert.deepEqual(pages, ['about-us', 'archive-page'])
  })

  test('a second run changes no file, byte for byte', async () => {
    const before = snapshot(content)
    const again = await importSite()
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /Articles: 4 posts .*\(0 new, 0 changed, 4 unchanged\)/)
    assert.match(again.stdout, /Pages: 2 pages .*\(0 new, 0 changed, 2 unchanged\)/)
    assert.match(again.stdout, /Media: 1 file .*\(0 new, 0 changed, 1 unchanged\)/)
    assert.deepEqual(snapshot(content), before)
  })
})
