import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import { newClient, postForm, slug } from '../support/comments'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ kvFaults: true })
})
after(() => worker.stop())

const phishing = {
  author: 'Support team',
  email: 'support@phish.example',
  url: 'https://phish.example/login',
  content: `Your account is locked, sign in here ${Math.random()}`,
  website2: '',
}

/** Posts the form as a browser and returns the redirect and the proof cookie it set. */
async function postHeld(fields: Record<string, string>) {
  const response = await postForm(worker, fields, newClient())
  assert.equal(response.status, 303)
  const location = (response.headers.get('location') ?? '').replace(/#.*/, '')
  const id = /held=([0-9a-z]{19})/.exec(location)?.[1] ?? ''
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return { location, id, cookie }
}

const view = async (path: string, cookie?: string) =>
  (
    await worker.fetch(path, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } })
  ).text()

describe('a comment held for moderation', () => {
  it('is shown to the browser that posted it', async () => {
    const held = await postHeld(phishing)
    assert.match(await view(held.location, held.cookie), /sign in here/)
  })

  it('is not shown to anyone else who has its id, nor its author link', async () => {
    const held = await postHeld({ ...phishing, content: `Locked again ${Math.random()}` })
    const html = await view(held.location)
    assert.doesNotMatch(html, /Locked again/)
    assert.doesNotMatch(html, /phish\.example/)
  })

  it('is not shown with another comment’s proof, nor with a tampered one', async () => {
    const held = await postHeld({ ...phishing, content: `First ${Math.random()}` })
    const other = await postHeld({ ...phishing, content: `Second ${Math.random()}` })
    assert.doesNotMatch(await view(held.location, other.cookie), /First/)
    const [name, proof] = held.cookie.split('=') as [string, string]
    const otherProof = other.cookie.split('=')[1] ?? ''
    assert.doesNotMatch(
      await view(held.location, `${name}=${otherProof}`),
      /First/,
      'another comment’s proof under this comment’s name',
    )
    const flipped = `${name}=${proof.startsWith('A') ? 'B' : 'A'}${proof.slice(1)}`
    assert.doesNotMatch(await view(held.location, flipped), /First/)
  })

  it('costs a stranger no KV read: the proof is checked first', async () => {
    const held = await postHeld({ ...phishing, content: `Quiet ${Math.random()}` })
    // Load the article once, so its approved comments are in the readers' memo.
    await view(`/articles/${slug}`)
    await worker.setKvFaults({ reads: true })
    try {
      const stranger = await worker.fetch(held.location, { headers: { accept: 'text/html' } })
      assert.equal(stranger.status, 200, 'no KV read was tried, so no KV failure was met')
      assert.doesNotMatch(await stranger.text(), /Quiet/)
    } finally {
      await worker.setKvFaults({})
    }
  })
})
