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

/** A field an author may change by editing (PATCH and the edit form alike). */
export type EditableField = Exclude<CommentField, 'parent'>

/** The fields an author may change: all but the parent, which stays what it was. */
export const editableFields = commentFieldNames.filter(
  (name): name is EditableField => name !== 'parent',
)

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

/**
 * What the site keeps beside the submitted fields, all written by the site and
 * never by a reader: with `commentFields` this is every field of a stored
 * comment, the list a backup's import checks records against.
 */
export const recordFields = {
  id: { required: true },
  article: { required: true },
  /** ISO 8601, UTC. */
  created: { required: true },
  /** When its author last edited it, within the edit window. */
  edited: { required: false },
  /** How many times its author edited it, in decimal (absent: never); see maxEditsPerComment. */
  edits: { required: false },
  /** pending, approved or spam. */
  status: { required: true },
  /** Salted hash of the client address, for abuse handling; never the address itself. */
  client: { required: true },
} as const

type Records = typeof recordFields

/** The name of a field the site writes. */
export type RecordField = keyof Records

/** Every field the site writes, in the order of the list above. */
export const recordFieldNames = Object.keys(recordFields) as RecordField[]

type RequiredRecordField = {
  [K in RecordField]: Records[K]['required'] extends true ? K : never
}[RecordField]

/** The fields the site writes, each as text. */
export type CommentRecordFields = { [K in RequiredRecordField]: string } & {
  [K in Exclude<RecordField, RequiredRecordField>]?: string
}
