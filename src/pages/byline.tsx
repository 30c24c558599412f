import { normaliseTag } from '../content/tags'
import type { Author } from '../content/types'
import { messagesFor } from './i18n'

/**
 * "By <name>, <name>": each name links to the author's page, where their own url
 * is, so a reader finds their other articles and feeds first.
 */
export function Byline(props: {
  authors: readonly Author[]
  language: string
  href: (name: string) => string
}) {
  const t = messagesFor(props.language)
  return (
    <>
      {t.by}{' '}
      {props.authors.map((author, index) => (
        <>
          {index > 0 ? ', ' : ''}
          <a href={props.href(normaliseTag(author.name))} rel="author">
            {author.name}
          </a>
        </>
      ))}
    </>
  )
}
