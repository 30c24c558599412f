async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Identifies "the same comment": same article, e-mail (case-insensitive) and text. */
export function duplicateFingerprint(article: string, email: string, content: string) {
  return sha256Hex(`${article}\u0000${email.toLowerCase()}\u0000${content}`)
}

/** A salted hash of the client address: lets a moderator group abuse without storing the IP. */
export async function clientHash(address: string, salt: string): Promise<string> {
  return (await sha256Hex(`${salt}\u0000${address}`)).slice(0, 32)
}
