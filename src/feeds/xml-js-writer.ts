/*
 * What the `feed` package imports as "xml-js" (wrangler.toml [alias]). feed only
 * ever calls js2xml; the package's index also loads its XML parser and `sax`,
 * about a fifth of the bundle that every isolate would parse at startup for nothing.
 */
import js2xml from 'xml-js/lib/js2xml.js'

export { js2xml }
