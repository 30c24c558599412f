import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import {
  adminCall,
  commentsPath,
  newClient,
  postApproved,
  postForm,
  slug,
  untilReadersSee,
  validComment,
} from '../support/comments'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

const page = async (path: string, cookie?: string) =>
  (
    await worker.fetch(path, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } })
  ).text()

/** The cookie a browser would send back from a response's Set-Cookie (name=value only). */
const cookieFrom = (response: Response) =>
  (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

describe('the comment form on the article page', () => {
  it('has labelled fields, required markers, the e-mail notice, a honeypot and a parent field', async () => {
    const html = await page(`/articles/${slug}`)
    assert.match(html, /<form id="comment-form" method="post" action="\/articles\/[^"]+\/comments"/)
    for (const [id, name] of [
      ['comment-author', 'author'],
      ['comment-email', 'email'],
      ['comment-url', 'url'],
      ['comment-content', 'content'],
    ]) {
      assert.match(html, new RegExp(`<label for="${id}">`))
      assert.match(html, new RegExp(`id="${id}" name="${name}"`))
    }
    assert.match(html, /आपका ईमेल पता प्रकाशित नहीं किया जाएगा/)
    assert.match(html, /name="website2"/)
    assert.match(html, /<input type="hidden" name="parent" value=""/)
  })
})

describe('a refused form post', () => {
  const typed = {
    author: 'सीता & "गीता"',
    email: 'not-an-email',
    url: 'https://sita.example/',
    content: 'मेरी लंबी टिप्पणी\r\nदूसरी पंक्ति & "उद्धरण"',
    parent: '',
    website2: '',
  }

  it('re-renders the article with 422, the message beside the field and every typed value', async () => {
    const response = await postForm(worker, typed)
    assert.equal(response.status, 422)
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/)
    const html = await response.text()
    assert.match(
      html,
      /id="comment-email"[^>]*value="not-an-email"[^>]*aria-invalid="true"[^>]*aria-describedby="comment-email-error"/,
    )
    assert.match(
      html,
      /<span id="comment-email-error" class="error">एक मान्य ईमेल पता दर्ज करें।<\/span>/,
    )
    assert.match(html, /value="सीता &amp; &quot;गीता&quot;"/)
    assert.match(html, /value="https:\/\/sita.example\/"/)
    assert.match(
      html,
      /<textarea[^>]*>मेरी लंबी टिप्पणी\r?\nदूसरी पंक्ति &amp; &quot;उद्धरण&quot;<\/textarea>/,
    )
    assert.match(html, /role="alert"[^>]*>आपकी टिप्पणी नहीं भेजी गई/)
    assert.deepEqual(await worker.kvKeys(), [])
  })

  it('keeps the typed text on a 409 duplicate too', async () => {
    const fields = { ...typed, email: 'sita@example.org', content: 'दोहराई गई टिप्पणी' }
    await postApproved(worker, fields)
    const again = await postForm(worker, fields)
    assert.equal(again.status, 409)
    const html = await again.text()
    assert.match(html, /आप यह टिप्पणी पहले ही भेज चुके हैं/)
    assert.match(html, />दोहराई गई टिप्पणी<\/textarea>/)
  })
})

describe('an accepted form post', () => {
  it('lands on the article with the held notice and the held comment at its anchor', async () => {
    const response = await postForm(worker, {
      author: 'गीता',
      email: 'gita@example.org',
      content: 'स्वीकृत होने की प्रतीक्षा',
      website2: '',
    })
    assert.equal(response.status, 303)
    const location = response.headers.get('location') ?? ''
    const id = /#comment-([0-9a-z]+)$/.exec(location)?.[1]
    const setCookie = response.headers.get('set-cookie') ?? ''
    assert.match(setCookie, new RegExp(`^comment_edit_${id}=`), 'the proof names the comment')
    assert.match(setCookie, new RegExp(`Path=/articles/${slug}`))
    assert.match(setCookie, /HttpOnly/)
    assert.match(setCookie, /SameSite=Lax/)
    assert.match(setCookie, /Max-Age=(89\d|900);/)
    const html = await page(location.replace(/#.*/, ''), cookieFrom(response))
    const heldItem = new RegExp(
      `<li id="comment-${id}" class="comment">.*?role="status">धन्यवाद।`,
      's',
    )
    assert.match(html, heldItem, 'the notice sits at the held comment, where the page scrolls to')
    assert.doesNotMatch(html, new RegExp(`replyto=${id}`), 'a held comment cannot be replied to')
    assert.match(html, /स्वीकृत होने की प्रतीक्षा/)
    const plain = await page(`/articles/${slug}`)
    assert.doesNotMatch(plain, /स्वीकृत होने की प्रतीक्षा/, 'pending comments are not public')
  })

  it('threads a reply under its parent after approval, with the count in the heading', async () => {
    const approvedBefore = (
      (await (await worker.fetch(`/articles/${slug}/comments`)).json()) as { count: number }
    ).count
    const parent = await postApproved(
      worker,
      validComment({ author: 'पहला', content: 'मूल टिप्पणी' }),
    )
    const replyForm = await page(`/articles/${slug}?replyto=${parent}`)
    assert.match(replyForm, new RegExp(`<input type="hidden" name="parent" value="${parent}"`))
    assert.match(replyForm, /इसका उत्तर दें: पहला/)
    const reply = await postForm(
      worker,
      { author: 'दूसरा', email: 'second@example.org', content: 'उत्तर टिप्पणी', parent, website2: '' },
      newClient(),
    )
    assert.equal(reply.status, 303)
    const replyId = /held=([0-9a-z]+)/.exec(reply.headers.get('location') ?? '')?.[1]
    assert.equal(
      (await adminCall(worker, 'POST', `/admin/comments/${replyId}/approve`)).status,
      200,
    )
    // Moderation answers before the view updater rewrites what readers see.
    await untilReadersSee(worker, commentsPath, [parent, replyId ?? ''])
    const html = await page(`/articles/${slug}`)
    assert.match(html, new RegExp(`टिप्पणियाँ \\(${approvedBefore + 2}\\)`))
    const parentItem = new RegExp(
      `<li id="comment-${parent}" class="comment">.*?<ol><li id="comment-${replyId}" class="comment">.*?उत्तर टिप्पणी`,
      's',
    )
    assert.match(html, parentItem)
  })
})
