const siteverify = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'

/** Asks Cloudflare Turnstile whether the token the form carried is valid. */
export async function verifyTurnstile(
  secret: string,
  token: string,
  remoteIp: string,
): Promise<boolean> {
  if (!token) return false
  const body = new FormData()
  body.set('secret', secret)
  body.set('response', token)
  if (remoteIp) body.set('remoteip', remoteIp)
  try {
    const response = await fetch(siteverify, { method: 'POST', body })
    if (!response.ok) return false
    const outcome = (await response.json()) as { success?: unknown }
    return outcome.success === true
  } catch {
    return false
  }
}
