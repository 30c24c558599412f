// wrangler bundles *.txt files as Text modules: the import is the file's text.
declare module '*.txt' {
  const text: string
  export default text
}
