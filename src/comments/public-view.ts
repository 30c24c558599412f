import type { PublicComment, StoredComment } from './types'

/** The fields of a stored comment that readers may see: never the e-mail or client hash. */
export function publicFields(comment: StoredComment): PublicComment {
  return {
    id: comment.id,
    article: comment.article,
    author: comment.author,
    ...(comment.url ? { url: comment.url } : {}),
    content: comment.content,
    ...(comment.parent ? { parent: comment.parent } : {}),
    created: comment.created,
  }
}
