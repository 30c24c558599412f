import { newCommentId } from '../src/comments/ids'
import { commentEntry, keys } from '../src/comments/store/keys'
import type { StoredComment } from '../src/comments/types'

/** The part of the COMMENTS binding (as Miniflare hands it to Node) that seeding uses. */
export interface KvWriter {
  put(key: string, value: string, options?: { metadata?: unknown }): Promise<void>
}

// Readers' replies as they come: short Hindi, some English, a few long ones.
const phrases = [
  'बहुत अच्छा लेख, धन्यवाद।',
  'कलाकारों की बात सही है, AI कंपनियों को पारदर्शी होना चाहिए।',
  'I think OpenAI should have paid the testers.',
  'इस पर और जानकारी कहाँ मिलेगी?',
  'सोरा का API लीक होना गंभीर मामला है & इसकी जाँच होनी चाहिए।',
  'Great reporting <3',
]

const metadataLimit = 1024

function commentText(index: number): string {
  const sentences = index % 50 === 0 ? 60 : 1 + (index % 4)
  return Array.from({ length: sentences }, (_, i) => phrases[(index + i) % phrases.length]).join(
    ' ',
  )
}

// The same index entry CommentStore.add writes: public fields in metadata, the
// text left out when the metadata would pass KV's 1,024-byte limit.
function listMetadata(comment: StoredComment) {
  const base = {
    author: comment.author,
    created: comment.created,
    ...(comment.url ? { url: comment.url } : {}),
    ...(comment.parent ? { parent: comment.parent } : {}),
  }
  const withContent = { ...base, content: comment.content }
  return Buffer.byteLength(JSON.stringify(withContent)) <= metadataLimit ? withContent : base
}

/**
 * Writes `count` approved comments on `article` straight into KV with the
 * store's key layout (one in five a reply, one in fifty too long for metadata),
 * and the counts key moderation keeps.
 */
export async function seedApprovedComments(kv: KvWriter, article: string, count: number) {
  const start = Date.parse('2024-11-28T00:00:00Z')
  const ids: string[] = []
  const comments: StoredComment[] = []
  for (let index = 0; index < count; index++) {
    const created = start + index * 60_000
    const id = newCommentId(created)
    const parent = index % 5 === 4 ? ids[index - 1 - (index % 7)] : undefined
    ids.push(id)
    comments.push({
      id,
      article,
      author: index % 3 === 0 ? `पाठक ${index}` : `Reader ${index}`,
      ...(index % 4 === 0 ? { url: `https://example.org/readers/${index}` } : {}),
      content: commentText(index),
      ...(parent ? { parent } : {}),
      created: new Date(created).toISOString(),
      email: `reader${index}@example.org`,
      status: 'approved',
      client: 'bench',
    })
  }
  const batch = 100
  for (let i = 0; i < comments.length; i += batch) {
    await Promise.all(
      comments.slice(i, i + batch).map(async (comment) => {
        const { key, value, metadata } = await commentEntry(comment)
        await Promise.all([
          kv.put(key, value, { metadata }),
          kv.put(keys.listEntry('approved', article, comment.id), '', {
            metadata: listMetadata(comment),
          }),
        ])
      }),
    )
  }
  const updated = comments.at(-1)?.created ?? null
  await kv.put(keys.counts, JSON.stringify({ updated, articles: { [article]: count } }))
}
