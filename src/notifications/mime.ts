/** A plain-text e-mail, built by hand: RFC 5322 headers, UTF-8 text in base64 (RFC 2045). */
export interface PlainTextMail {
  from: { name: string; address: string }
  to: string
  subject: string
  text: string
  date: Date
  /** Unique per message, without the angle brackets. */
  messageId: string
}

const encoder = new TextEncoder()

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * A header value as RFC 2047 encoded-words: ASCII that needs no quoting stays as
 * it is; anything else is UTF-8 in base64, split between characters so every
 * line stays within 78 characters.
 */
export function encodeHeaderText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !value.includes('=?')) return value
  const words: string[] = []
  let chunk = ''
  for (const char of value) {
    // 39 bytes of UTF-8 make 52 characters of base64: 64 with the =?UTF-8?B?…?= around them,
    // so even the first word, after "Subject: ", stays within 78 characters.
    if (encoder.encode(chunk + char).length > 39) {
      words.push(chunk)
      chunk = ''
    }
    chunk += char
  }
  if (chunk) words.push(chunk)
  return words.map((word) => `=?UTF-8?B?${base64(encoder.encode(word))}?=`).join('\r\n ')
}

/** The whole message as the `send_email` binding takes it: CRLF lines, 76-character body lines. */
export function plainTextMail(mail: PlainTextMail): string {
  const body = base64(encoder.encode(mail.text.replace(/\r?\n/g, '\r\n')))
  const lines = body.match(/.{1,76}/g) ?? []
  const name = encodeHeaderText(mail.from.name.replace(/["\\\r\n]/g, ''))
  return [
    `From: ${name}\r\n <${mail.from.address}>`,
    `To: <${mail.to}>`,
    `Subject: ${encodeHeaderText(mail.subject.replace(/[\r\n]+/g, ' '))}`,
    `Date: ${mail.date.toUTCString()}`,
    `Message-ID: <${mail.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    ...lines,
    '',
  ].join('\r\n')
}
