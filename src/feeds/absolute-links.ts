/**
 * Makes every address in an article body's `href` and `src` attributes absolute,
 * against the article's own URL. Feed readers show entries away from the site, and
 * RSS and JSON Feed have no base URL: a path such as `/articles/other` or
 * `/media/map.png` would point nowhere there (the W3C validator warns of it as a
 * relative reference). Addresses that are already absolute are left byte for byte.
 * The build's sanitiser writes every attribute in double quotes.
 */
export function absoluteLinks(html: string, base: string): string {
  return html.replace(/(\s(?:href|src)=")([^"]*)"/g, (attribute, name: string, value: string) =>
    URL.canParse(value) ? attribute : `${name}${new URL(value, base).href}"`,
  )
}
