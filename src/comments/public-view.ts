import { type CommentField, commentFieldNames, commentFields, type PublicField } from './fields'
import { renderCommentMarkdown } from './markdown'
import { withoutNoncharacters } from './noncharacters'
import type { PublicComment } from './types'

const publicKeys: ReadonlyArray<keyof PublicComment> = [
  'id',
  'article',
  ...commentFieldNames.filter(
    (name): name is CommentField & PublicField => commentFields[name].public,
  ),
  'created',
  'edited',
]

/**
 * What readers may see of a comment, and nothing else: every page, feed, JSON
 * answer and KV list entry is built from this view, so an e-mail address or the
 * client hash can never reach one. Empty optional fields are left out, and so are
 * noncharacters, which the rules drop from new text but older records may hold.
 */
export function publicView(comment: PublicComment): PublicComment {
  const view: Partial<Record<keyof PublicComment, string>> = {}
  for (const key of publicKeys) {
    const value = comment[key] && withoutNoncharacters(comment[key])
    if (value) view[key] = value
  }
  return view as PublicComment
}

/** The public view with the comment's Markdown rendered: what the comments JSON answers. */
export function renderedView(comment: PublicComment): PublicComment & { content_html: string } {
  return { ...publicView(comment), content_html: renderCommentMarkdown(comment.content) }
}
