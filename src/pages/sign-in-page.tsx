import { paths } from '../paths'
import { messagesFor } from './i18n'
import { Layout, type PageHead } from './layout'

/** The moderation page's sign-in form: the admin token in a password field, nothing else. */
export function SignInPage(props: {
  head: PageHead
  /** Why the last attempt failed, or that the moderator signed out. */
  message?: { kind: 'error' | 'notice'; text: string }
}) {
  const { message } = props
  const t = messagesFor(props.head.language).moderation
  return (
    <Layout head={props.head} homeUrl={paths.home}>
      <h1>{t.title}</h1>
      {message ? (
        <p
          id="sign-in-message"
          class={message.kind === 'error' ? 'error' : 'notice'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
      <form method="post" action={paths.signIn} class="sign-in">
        <p>
          <label for="admin-token">{t.adminToken}</label>
          <input
            id="admin-token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            autofocus
            aria-describedby={message?.kind === 'error' ? 'sign-in-message' : undefined}
          />
        </p>
        <button type="submit">{t.signIn}</button>
      </form>
    </Layout>
  )
}
