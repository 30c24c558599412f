import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { renderBody } from '../../scripts/content/markdown'
import { mediaLibrary } from '../../scripts/content/media'
import { parseArticle } from '../../scripts/content/parse-article'
import { planImport, untitled } from '../../scripts/wordpress/convert'
import { AttachmentIndex } from '../../scripts/wordpress/media'
import { autoParagraphs, postBodyHtml } from '../../scripts/wordpress/post-html'
import { articleSlug } from '../../scripts/wordpress/slug'
import { parseWxr, WxrError } from '../../scripts/wordpress/wxr'
import { isCommentId } from '../../src/comments/ids'
import type { StoredComment } from '../../src/comments/types'

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/wordpress/${name}`, import.meta.url), 'utf8')
const plan12 = planImport(parseWxr(fixture('export-1.2.xml')), { fallbackLanguage: 'en' })
const plan10 = planImport(parseWxr(fixture('export-1.0.xml')), { fallbackLanguage: 'en' })
const plan11 = planImport(parseWxr(fixture('export-1.1-https.xml')), { fallbackLanguage: 'en' })

function article(plan: typeof plan12, slug: string) {
  const found = plan.articles.find((a) => a.slug === slug)
  assert.ok(found, `article ${slug}`)
  // Imported posts carry no content/media images: an empty library is the build's view of them.
  const media = mediaLibrary(mkdtempSync(join(tmpdir(), 'media-')))
  const parsed = parseArticle(`content/articles/${slug}.md`, found.text, (markdown) =>
    renderBody(markdown, media),
  )
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n'))
  return { file: found.text, ...parsed.value }
}

function comment(plan: typeof plan12, content: string): StoredComment {
  const found = plan.comments.find((c) => c.content === content)
  assert.ok(found, `comment "${content}"`)
  return found
}

describe('reading a WordPress export (WXR)', () => {
  test('the wp, excerpt, content and dc namespaces are found by URI in 1.0, 1.1 (https, other prefix) and 1.2', () => {
    assert.equal(parseWxr(fixture('export-1.0.xml')).version, '1.0')
    const mid = parseWxr(fixture('export-1.1-https.xml'))
    assert.equal(mid.version, '1.1')
    assert.deepEqual(mid.authors, [{ login: 'jonas', displayName: 'Jonas Müller' }])
    assert.equal(mid.items[0]?.excerpt, 'Kurz & knapp.')
    assert.equal(mid.items[0]?.comments[0]?.content, 'Danke!')
    assert.equal(parseWxr(fixture('export-1.2.xml')).items.length, 10)
  })

  test('plain values have their entities decoded; CDATA is kept as written, split ]]> included', () => {
    const items = parseWxr(fixture('export-1.2.xml')).items
    assert.equal(items[1]?.title, 'टॉम & जेरी – एआई पर बहस')
    assert.match(items[0]?.content ?? '', /A literal end of CDATA: \]\]> stays/)
    assert.match(items[0]?.content ?? '', /an open letter &amp; a demo/)
  })

  test('a file that is not a WordPress export is refused with the reason', () => {
    assert.throws(() => parseWxr('<rss><channel></channel></rss>'), WxrError)
    assert.throws(() => parseWxr('<html><body>no</body></html>'), /no <rss><channel>/)
  })

  test('posts (a draft kept as a draft) and pages become files the content build accepts; other items are counted', () => {
    assert.deepEqual(
      plan12.articles.map((a) => a.slug),
      ['artists-leak-sora', 'eai-bhs', '103', 'half-written', 'artists-leak-sora-110'],
    )
    assert.match(plan12.articles[3]?.text ?? '', /\ndraft: true\n/)
    assert.deepEqual(
      plan12.pages.map((p) => p.slug),
      ['about'],
    )
    assert.deepEqual(plan12.skippedItems, { nav_menu_item: 1 })
    for (const { slug } of plan12.articles) article(plan12, slug)
  })

  test('private and password-protected posts are skipped by name', () => {
    assert.deepEqual(plan12.skippedPosts, [
      { id: '104', kind: 'post', title: 'Staff only', reason: 'private' },
      { id: '105', kind: 'post', title: "Members' preview", reason: 'password-protected' },
    ])
  })

  test('a post without a title gets WordPress’s "(no title)" and is kept', () => {
    assert.equal(article(plan12, '103').title, untitled)
    assert.equal(untitled, '(no title)')
  })

  test('front matter: title, dates with the site’s offset, display-name author, tags, summary, language, comments', () => {
    const sora = article(plan12, 'artists-leak-sora')
    assert.equal(sora.title, 'Artists leak Sora in protest')
    assert.equal(sora.published, '2024-11-27T17:30:00+05:30')
    assert.equal(sora.updated, '2024-11-28T10:00:00+05:30')
    assert.deepEqual(sora.authors, [{ name: 'Meera Rao' }])
    assert.deepEqual(sora.tags, ['News + Views', 'OpenAI', 'Sora'], 'Uncategorized left out')
    assert.equal(
      sora.summary,
      'Artists who beta-tested Sora leaked it, saying they were used for art washing.',
    )
    assert.equal(sora.language, 'hi-IN')
    assert.equal(sora.comments, 'open')

    const debate = article(plan12, 'eai-bhs')
    assert.equal(debate.comments, 'closed')
    assert.equal(debate.summary, 'एआई पर बहस जारी है।', 'first paragraph without an excerpt')
    assert.equal(debate.updated, undefined, 'never modified after publishing')
    assert.deepEqual(debate.authors, [{ name: 'सुनीता शर्मा' }])

    const hello = article(plan10, 'hello-world')
    assert.equal(hello.published, '2009-09-15T06:00:00-04:00')
    assert.deepEqual(hello.authors, [{ name: 'admin' }], 'WXR 1.0 has no display names')
    assert.deepEqual(hello.tags, ['Diary', 'first'], 'bare and domain categories counted once')
    assert.equal(article(plan10, 'lost-time-zone').published, '2009-09-16T08:00:00+00:00')
    assert.equal(article(plan11, 'uber-strome').language, 'de-DE')
  })

  test('percent-encoded non-ASCII slugs are decoded and transliterated; clashes get the post id', () => {
    assert.equal(
      articleSlug('%e0%a4%8f%e0%a4%86%e0%a4%88-%e0%a4%ac%e0%a4%b9%e0%a4%b8', '', '1'),
      'eai-bhs',
    )
    assert.equal(articleSlug('%c3%bcber-str%c3%b6me', '', '5'), 'uber-strome')
    assert.equal(articleSlug('', 'Über Ströme', '5'), 'uber-strome', 'from the title')
    assert.equal(articleSlug('', '', '77'), 'post-77')
    assert.equal(articleSlug('%e0%a4', '', '9'), 'e0-a4', 'a malformed encoding stays ASCII')
    assert.ok(plan12.articles.some((a) => a.slug === 'artists-leak-sora-110'))
  })

  test('classic content gets wpautop paragraphs and line breaks; captions become figures; code keeps its blank lines', () => {
    const { html, file } = article(plan12, 'artists-leak-sora')
    assert.match(
      html,
      /^<p>Artists who tested <em>Sora<\/em> leaked access to it,<br \/>\nprotesting/,
    )
    assert.match(html, /<p>The leak came with an open letter &amp; a demo\.<\/p>/)
    assert.match(
      html,
      /<figure><img src="https:\/\/news\.example\.org\/wp-content\/uploads\/2024\/11\/sora\.jpg" alt="A still from Sora" width="640" height="360" \/><figcaption>A still from a Sora video<\/figcaption><\/figure>/,
    )
    assert.match(html, /<pre>curl https:\/\/api\.example\.org\/sora\n\n# the blank line/)
    assert.match(
      html,
      /<li>The letter named <a href="https:\/\/example\.org\/letter">corporate overlords<\/a><\/li>/,
    )
    assert.match(html, /<p>A literal end of CDATA: \]\]&gt; stays in the text\.<\/p>$/)
    assert.doesNotMatch(html, /script|stolen|onclick|class=|\[caption/)
    const body = file.slice(file.indexOf('\n---\n') + 5)
    assert.doesNotMatch(
      body.trim(),
      /\n\s*\n/,
      'one HTML block: no blank line for Markdown to act on',
    )
  })

  test('block-editor content loses its <!-- wp: --> comments and is not given extra paragraphs', () => {
    assert.equal(
      article(plan12, 'eai-bhs').html,
      '<p>एआई पर बहस जारी है।</p>\n<h2>आगे क्या</h2>\n<p>दूसरा अनुच्छेद, <a href="https://example.org/">एक कड़ी</a> के साथ।</p>',
    )
  })

  test('wpautop leaves block elements unwrapped and starts text without a block in a container', () => {
    assert.equal(autoParagraphs('a\n\nb\nc'), '<p>a</p>\n<p>b<br />\nc</p>\n')
    assert.equal(autoParagraphs('<h2>T</h2>\ntext'), '<h2>T</h2>\n<p>text</p>\n')
    const none = { postId: '1', attachments: new AttachmentIndex([]) }
    const image = postBodyHtml(
      '<!-- wp:image --><img src="https://e.org/a.png" alt=""><!-- /wp:image -->',
      none,
    )
    assert.equal(image.html, '<div>\n<a href="https://e.org/a.png">a</a>\n</div>')
    assert.deepEqual(image.notes, [
      'image https://e.org/a.png had no alt text: wrote "a"',
      'image https://e.org/a.png has no known size: written as a link to it',
    ])
    assert.equal(postBodyHtml('   ', none).html, '')
  })

  test('only approved comments are kept; spam, trash, pending, pingbacks and trackbacks are counted', () => {
    assert.equal(plan12.comments.length, 6)
    assert.deepEqual(plan12.skippedComments, {
      'on items not imported': 1,
      pending: 1,
      pingback: 1,
      spam: 1,
      trackback: 1,
      trash: 1,
    })
    assert.ok(plan12.comments.every((c) => c.status === 'approved'))
  })

  test('comments keep author, e-mail, URL and date; their HTML becomes text', () => {
    const ann = comment(plan12, 'Good that they spoke up.')
    assert.equal(ann.author, 'Ann Smith')
    assert.equal(ann.email, 'ann@example.org')
    assert.equal(ann.url, 'https://ann.example.org/')
    assert.equal(ann.created, '2024-11-27T12:30:00.000Z')
    assert.equal(ann.article, 'artists-leak-sora')
    const anonymous = comment(plan12, 'Tom & Jerry agree.\n\nSecond <paragraph>.')
    assert.equal(anonymous.author, 'Anonymous')
    assert.equal(anonymous.email, '')
    assert.equal(anonymous.url, undefined, '"http://" is no address')
    assert.ok(comment(plan10, 'Hi, this is a comment.\nTo delete a comment, just log in.'))
  })

  test('replies keep their thread through the new ids, hanging from the nearest kept ancestor', () => {
    const ann = comment(plan12, 'Good that they spoke up.')
    assert.equal(comment(plan12, 'सहमत हूँ।').parent, ann.id)
    assert.equal(comment(plan12, 'Answering the one still in the queue.').parent, ann.id)
    assert.equal(
      comment(plan12, 'Replying to the spam, which was approved at the time.').parent,
      undefined,
    )
  })

  test('comment ids have the site’s shape, sort by time, and are the same on every run', () => {
    for (const c of plan12.comments) assert.ok(isCommentId(c.id), c.id)
    const again = planImport(parseWxr(fixture('export-1.2.xml')), { fallbackLanguage: 'en' })
    assert.deepEqual(again, plan12)
    const ids = plan12.comments.map((c) => c.id)
    assert.deepEqual([...ids].sort(), ids)
    const times = plan12.comments.map((c) => c.created)
    assert.deepEqual(
      times.filter((t) => t.startsWith('2024-11')),
      [...times.filter((t) => t.startsWith('2024-11'))].sort(),
    )
  })
})
