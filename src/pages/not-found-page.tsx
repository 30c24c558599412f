import { messagesFor } from './i18n'
import { Layout, type PageHead } from './layout'

/** The 404 page browsers see. */
export function NotFoundPage(props: { head: PageHead; homeUrl: string }) {
  const t = messagesFor(props.head.language)
  return (
    <Layout head={props.head} homeUrl={props.homeUrl}>
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <a href={props.homeUrl}>{t.backHome}</a>
      </p>
    </Layout>
  )
}
