import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startWorker, type TestWorker } from '../harness/worker'
import {
  commentsPath,
  newClient,
  postForm,
  postJson,
  slug,
  validComment,
} from '../support/comments'

let worker: TestWorker
before(async () => {
  worker = await startWorker({ rateLimit: 1000 })
})
after(() => worker.stop())

/**
 * What a script sees of one comment through every request it can make with the
 * answer it got: the statuses, the JSON shapes and what they say, and whether the
 * page shows the comment to the holder of its cookie. Ids, times and tokens differ
 * from post to post anyway; everything else must be the same for a real held
 * comment and a decoy.
 */
async function jsonJourney(body: Record<string, unknown>): Promise<unknown[]> {
  const seen: unknown[] = []
  const posted = await postJson(worker, body)
  const accepted = await posted.json()
  seen.push(posted.status, Object.keys(accepted).sort(), accepted.status)
  seen.push(accepted.content === body.content)
  const item = `${commentsPath}/${accepted.id}`
  const auth = { authorization: `Bearer ${accepted.edit_token}` }
  const json = { ...auth, 'content-type': 'application/json', 'cf-connecting-ip': newClient() }
  const patched = await worker.fetch(item, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify({ content: 'changed by a script' }),
  })
  const edited = await patched.json()
  seen.push(patched.status, Object.keys(edited).sort(), edited.status, edited.content)
  seen.push(edited.author === body.author, edited.created === accepted.created)
  const same = await worker.fetch(item, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify({ content: 'changed by a script' }),
  })
  seen.push(same.status, Object.keys(await same.json()).sort())
  const invalid = await worker.fetch(item, {
    method: 'PATCH',
    headers: json,
    body: JSON.stringify({ content: '' }),
  })
  seen.push(invalid.status, (await invalid.json()).errors)
  const deleted = await worker.fetch(item, { method: 'DELETE', headers: auth })
  seen.push(deleted.status, await deleted.text())
  const again = await worker.fetch(item, { method: 'DELETE', headers: auth })
  seen.push(again.status, (await again.json()).detail)
  return seen
}

async function formJourney(fields: Record<string, string>): Promise<unknown[]> {
  const seen: unknown[] = []
  const posted = await postForm(worker, fields)
  const cookie = (posted.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const id = cookie.slice('comment_edit_'.length, cookie.indexOf('='))
  const location = posted.headers.get('location') ?? ''
  seen.push(posted.status, location.replace(new RegExp(id, 'g'), '<id>'))
  const page = async () => {
    const html = await (
      await worker.fetch(`/articles/${slug}?held=${id}`, {
        headers: { accept: 'text/html', cookie },
      })
    ).text()
    return [
      html.includes(fields.content ?? ''),
      html.includes('edited by a form'),
      html.includes(`${id}/delete`),
    ]
  }
  seen.push(...(await page()))
  const edited = await worker.fetch(`${commentsPath}/${id}/edit`, {
    method: 'POST',
    headers: {
      accept: 'text/html',
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ content: 'edited by a form' }).toString(),
  })
  seen.push(
    edited.status,
    (edited.headers.get('location') ?? '').replace(new RegExp(id, 'g'), '<id>'),
  )
  seen.push(...(await page()))
  return seen
}

describe('a decoy answer', () => {
  it('answers PATCH, DELETE and their repeats exactly as a real held comment does', async () => {
    const email = 'victim@example.org'
    const real = await jsonJourney(validComment({ email, content: 'a held text' }))
    const held = validComment({ email, content: 'another held text' })
    assert.equal((await postJson(worker, held)).status, 201)
    // A repeat of a comment nobody else can see is a decoy; so is a filled honeypot.
    const repeat = await jsonJourney(held)
    const honeypot = await jsonJourney(validComment({ website2: 'filled by a robot' }))
    assert.deepEqual(repeat, real)
    assert.deepEqual(honeypot, real)
  })

  it('is shown to its cookie and edited through the form as a real held comment is', async () => {
    const real = await formJourney(
      validComment({ content: `real ${Math.random()}` }) as Record<string, string>,
    )
    const honeypot = await formJourney(
      validComment({ content: `robot ${Math.random()}`, website2: 'x' }) as Record<string, string>,
    )
    assert.deepEqual(real, [
      303,
      `/articles/${slug}?held=<id>#comment-<id>`,
      true,
      false,
      true,
      303,
      `/articles/${slug}?held=<id>#comment-<id>`,
      false,
      true,
      true,
    ])
    assert.deepEqual(honeypot, real)
  })

  it('stores nothing readers, moderators or backups see', async () => {
    await postJson(worker, validComment({ website2: 'filled', content: 'robot text' }))
    for (const key of await worker.kvKeys()) {
      if (key.startsWith('v1:decoy:')) continue
      const value = (await (await worker.kv()).get(key)) ?? ''
      assert.ok(!value.includes('robot text'), `${key} holds the decoy`)
    }
    assert.ok(!(await worker.kvKeys('v1:list:')).some((key) => key.includes('robot')))
  })
})
