/**
 * What a commenter wrote, made unable to act in a moderator's mail or chat: it may
 * be shown, never obeyed. Every pattern here is one character class or a fixed
 * string, so each pass is linear in the text.
 */

// C0 and C1 controls but tab and newline, and every direction mark, embedding, override and
// isolate: with them a name or link can read backwards (U+202E) or hide what follows it.
const hidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g
// Any line break a mail or chat client honours.
const lineBreaks = /[\n\r\t\u0085\u2028\u2029]/g

/** The text without the characters that change how it, or what follows it, reads. */
export function visibleText(text: string): string {
  return text.replace(hidden, '')
}

/** Visible text on one line: for names and titles, which must not start lines of their own. */
export function oneLine(text: string): string {
  return visibleText(text).replace(lineBreaks, ' ')
}

/**
 * Every line behind "> ", so nothing a commenter writes can pass for one of the
 * notice's own lines (a fake "It waits for moderation: …" among them).
 */
export function quoted(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n')
}

/**
 * Text for Slack's mrkdwn, the markup of the `{"text": …}` hooks: `&`, `<` and `>`
 * escaped as Slack asks, so `<!channel>`, `<@U123>` and `<https://…|label>` stay
 * text; a zero-width space after each `@`, so `@channel`, `@here` and Discord's
 * `@everyone` mention nobody; and one between `]` and `(`, so `[label](https://…)`
 * is no masked link where a hook renders Markdown.
 */
export function mrkdwn(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('@', '@\u200B')
    .replaceAll('](', ']\u200B(')
}
