/**
 * The fields a reader submits with a comment: the one list that validation, the
 * stored and public shapes, the form's inputs and their `maxlength` derive from.
 * `max` counts Unicode code points after normalisation; `public: false` fields are
 * stored for moderators and never shown to readers.
 */
export const commentFields = {
  author: { max: 245, required: true, public: true },
  email: { max: 100, required: true, public: false },
  url: { max: 200, required: false, public: true },
  content: { max: 10_000, required: true, public: true },
  /** The id of the approved comment this one answers. */
  parent: { max: 40, required: false, public: true },
} as const

type Fields = typeof commentFields

/** The name of a submitted field. */
export type CommentField = keyof Fields

/** Every submitted field's name, in the order of the list above. */
export const commentFieldNames = Object.keys(commentFields) as CommentField[]

type RequiredField = {
  [K in CommentField]: Fields[K]['required'] extends true ? K : never
}[CommentField]
type OptionalField = Exclude<CommentField, RequiredField>
/** A submitted field that readers may see. */
export type PublicField = {
  [K in CommentField]: Fields[K]['public'] extends true ? K : never
}[CommentField]

/** The fields a reader submits, normalised. */
export type CommentInput = { [K in RequiredField]: string } & { [K in OptionalField]?: string }

/** The submitted fields readers may see, with the comment's identity and time. */
export type PublicCommentFields = Pick<CommentInput, PublicField> & {
  id: string
  article: string
  /** ISO 8601, UTC. */
  created: string
  /** When its author last edited it (ISO 8601, UTC); absent if never. */
  edited?: string
}
