import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { renderCommentMarkdown } from '../../src/comments/markdown'
import { startWorker, type TestWorker } from '../harness/worker'
import { commentsPath, newClient, postForm, slug } from '../support/comments'

let worker: TestWorker
before(async () => {
  worker = await startWorker()
})
after(() => worker.stop())

const previewPath = `${commentsPath}/preview`
const typed = {
  author: 'Asha & "Co"',
  email: 'asha@example.org',
  url: 'https://example.org/',
  content: 'A *first* draft with `code` and <b>tags</b>',
}

describe('the Preview button', () => {
  it('is a second submit button of the comment form, posting to the preview address', async () => {
    const page = await (await worker.fetch(`/articles/${slug}`)).text()
    assert.ok(page.includes(`formaction="${previewPath}"`), 'the form has a Preview button')
  })

  it('shows the comment as it will look, keeps every field, and stores nothing', async () => {
    const before = await worker.kvKeys()
    const response = await postForm(worker, typed, newClient(), previewPath)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    const page = await response.text()
    const preview = /<section id="comment-preview"[\s\S]*?<\/section>/.exec(page)?.[0] ?? ''
    assert.ok(preview.includes(renderCommentMarkdown(typed.content)), 'the rendered text')
    assert.ok(
      page.includes('>A *first* draft with `code` and &lt;b&gt;tags&lt;/b&gt;</textarea>'),
      'the source is still in the textarea',
    )
    assert.ok(page.includes('value="Asha &amp; &quot;Co&quot;"'), 'the name is kept')
    assert.ok(page.includes('value="asha@example.org"'), 'the e-mail is kept')
    assert.deepEqual(await worker.kvKeys(), before)
  })

  it('is refused from another site', async () => {
    const response = await worker.fetch(previewPath, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: new URLSearchParams(typed).toString(),
    })
    assert.equal(response.status, 403)
  })
})
