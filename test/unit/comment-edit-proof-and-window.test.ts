import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkEditProof, editProof, proofFault } from '../../src/comments/edit-proof'
import { editDeadline, editWindowMs, editWindowOpen } from '../../src/comments/edit-window'
import { createdFromId, newCommentId } from '../../src/comments/ids'
import { hmacKey } from '../../src/lib/hmac'

const comment = {
  article: 'an-article',
  id: '0mwwlzkyogiynmani6k',
  created: '2026-11-25T20:00:00.000Z',
}
const created = Date.parse(comment.created)

describe('the edit window', () => {
  it('is open for 15 minutes after creation and closed from then on', () => {
    assert.equal(editWindowMs, 15 * 60 * 1000)
    assert.equal(editWindowOpen(comment, new Date(created)), true)
    assert.equal(editWindowOpen(comment, new Date(created + editWindowMs - 1)), true)
    assert.equal(editWindowOpen(comment, new Date(created + editWindowMs)), false)
    assert.equal(editWindowOpen(comment, new Date(created + 60 * 60 * 1000)), false)
    assert.equal(editDeadline(comment).toISOString(), '2026-11-25T20:15:00.000Z')
  })
})

describe('the edit proof', () => {
  it('verifies for its own comment only', async () => {
    const key = await hmacKey('secret one')
    const proof = await editProof(key, comment)
    assert.match(proof, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(await checkEditProof(key, comment, proof), true)
    const other = { ...comment, id: '0mwwlzkyogiynmani6m' }
    assert.equal(await checkEditProof(key, other, proof), false)
    const recreated = { ...comment, created: '2026-11-25T20:00:00.001Z' }
    assert.equal(await checkEditProof(key, recreated, proof), false)
  })

  it("is bound to the comment's article: the same id under another slug does not verify", async () => {
    const key = await hmacKey('secret one')
    const proof = await editProof(key, comment)
    assert.equal(
      await checkEditProof(key, { ...comment, article: 'another-article' }, proof),
      false,
    )
  })

  it('cannot be made without the secret, nor tampered with', async () => {
    const proof = await editProof(await hmacKey('secret one'), comment)
    const key = await hmacKey('secret one')
    assert.equal(await checkEditProof(await hmacKey('secret two'), comment, proof), false)
    for (let i = 0; i < proof.length; i++) {
      const flipped = proof[i] === 'A' ? 'B' : 'A'
      const tampered = proof.slice(0, i) + flipped + proof.slice(i + 1)
      assert.equal(await checkEditProof(key, comment, tampered), false, `position ${i}`)
    }
    for (const junk of ['', 'x', `${proof}A`, proof.slice(1), '%'.repeat(43)]) {
      assert.equal(await checkEditProof(key, comment, junk), false, JSON.stringify(junk))
    }
  })
})

describe('the edit proof spelling', () => {
  it('accepts only the canonical spelling of the last character', async () => {
    const key = await hmacKey('secret one')
    const proof = await editProof(key, comment)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const accepted = []
    for (const last of alphabet) {
      if (await checkEditProof(key, comment, proof.slice(0, -1) + last)) accepted.push(last)
    }
    assert.deepEqual(accepted, [proof.at(-1)])
  })
})

describe('an edit cookie checked before any read', () => {
  // The intake stamps the id and `created` with one clock reading.
  const now = Date.parse('2026-11-25T20:00:00.000Z')
  const made = {
    article: 'an-article',
    id: newCommentId(now),
    created: new Date(now).toISOString(),
  }

  it('reads the creation time back from the id', () => {
    assert.equal(createdFromId(made.id), made.created)
    assert.equal(createdFromId('not-an-id'), undefined)
  })

  it('opens only with the comment’s own proof, for its own article, inside its window', async () => {
    const key = await hmacKey('secret')
    const proof = await editProof(key, made)
    const later = new Date(now + 60_000)
    const fault = (
      k: typeof key | undefined,
      article: string,
      id: string,
      p?: string,
      at = later,
    ) => proofFault(k, article, id, p, at)
    assert.equal(await fault(key, made.article, made.id, proof), undefined)
    assert.equal(
      await fault(key, made.article, made.id, proof, new Date(now + editWindowMs)),
      'edit_window_closed',
    )
    assert.equal(await fault(key, 'another-article', made.id, proof), 'bad_edit_proof')
    assert.equal(await fault(key, made.article, newCommentId(now + 1), proof), 'bad_edit_proof')
    assert.equal(await fault(key, made.article, made.id, 'A'.repeat(43)), 'bad_edit_proof')
    assert.equal(await fault(key, made.article, made.id), 'no_edit_proof')
    assert.equal(await fault(undefined, made.article, made.id, proof), 'bad_edit_proof', 'no key')
  })
})
