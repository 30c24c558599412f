/**
 * A regular expression built on its first use. V8 checks a regex literal's syntax
 * while it parses the module and builds it again when its line runs; a Unicode
 * property escape (\p{…}) makes both walk ICU's property tables, which cost every
 * fresh isolate millions of instructions at startup for patterns only comment
 * rendering and search use. Built from a string, the pattern is parsed only when
 * first asked for.
 */
export function lazyRegExp(source: string, flags: string): () => RegExp {
  let built: RegExp | undefined
  return () => {
    built ??= new RegExp(source, flags)
    return built
  }
}
