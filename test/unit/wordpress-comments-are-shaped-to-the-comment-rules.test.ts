import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { maxCommentHtmlCharacters, planImport } from '../../scripts/wordpress/convert'
import type { Wxr, WxrComment, WxrItem } from '../../scripts/wordpress/wxr'
import { checkImport } from '../../src/comments/backups/backup-checks'

function wordpressComment(id: string, fields: Partial<WxrComment>): WxrComment {
  return {
    id,
    author: 'Lena',
    email: 'lena@example.de',
    url: '',
    dateGmt: `2013-07-01 11:00:${id.padStart(2, '0')}`,
    date: '',
    content: 'Danke!',
    approved: '1',
    type: '',
    parent: '0',
    ...fields,
  }
}

function exportWith(comments: WxrComment[]): Wxr {
  const post: WxrItem = {
    id: '5',
    title: 'Über Ströme',
    link: 'https://mid.example.org/uber-strome/',
    pubDate: '',
    creator: 'jonas',
    content: 'Ein Absatz.',
    excerpt: '',
    postDate: '2013-07-01 12:00:00',
    postDateGmt: '2013-07-01 10:00:00',
    modified: '',
    modifiedGmt: '',
    commentStatus: 'open',
    name: 'uber-strome',
    status: 'publish',
    type: 'post',
    password: '',
    terms: [],
    comments,
    parent: '0',
    attachmentUrl: '',
    meta: {},
  }
  return {
    version: '1.2',
    title: 'Mid',
    link: 'https://mid.example.org',
    language: 'de',
    authors: [],
    items: [post],
  }
}

describe('WordPress comments sent to the import obey the comment rules', () => {
  const plan = planImport(
    exportWith([
      // What WordPress keeps and the site's rules refuse, in data a real site may hold.
      wordpressComment('1', { author: 'Ann\u202E\u0007 <b>Smith</b>\n', content: 'Hi\u000Cthere' }),
      wordpressComment('2', { author: 'x'.repeat(300), email: 'not an address' }),
      wordpressComment('3', { email: '', content: 'No e-mail given' }),
      wordpressComment('4', { content: 'y'.repeat(10_001) }),
      wordpressComment('5', { content: 'z'.repeat(maxCommentHtmlCharacters + 1) }),
      wordpressComment('6', { content: 'A reply to a skipped comment', parent: '4' }),
    ]),
    { fallbackLanguage: 'en' },
  )

  test('names lose controls and direction controls and are cut to the field limit; text loses controls', () => {
    assert.deepEqual(
      plan.comments.map((c) => [c.author.length, c.author.slice(0, 12), c.email, c.content]),
      [
        [9, 'Ann Smith', 'lena@example.de', 'Hithere'],
        [245, 'xxxxxxxxxxxx', '', 'Danke!'],
        [4, 'Lena', '', 'No e-mail given'],
        [4, 'Lena', 'lena@example.de', 'A reply to a skipped comment'],
      ],
    )
  })

  test('a comment the rules would still refuse is skipped and counted, and its replies kept', () => {
    assert.deepEqual(plan.skippedComments, { 'content too long': 2 })
    assert.equal(plan.comments[3]?.parent, undefined)
  })

  test('the site takes every comment the importer sends', () => {
    const checked = checkImport({ comments: plan.comments })
    assert.ok(checked.ok, JSON.stringify(checked))
  })
})
