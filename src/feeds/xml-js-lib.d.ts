// xml-js ships types for its index only; its writer module has the same signature.
declare module 'xml-js/lib/js2xml.js' {
  import type { js2xml } from 'xml-js'

  const write: typeof js2xml
  export default write
}
