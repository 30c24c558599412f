import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The seed article: the source text the sample article was written from, kept as a fixture. */
const seedPath = fileURLToPath(
  new URL('../fixtures/seed/firstpost-sora-artists.hi.txt', import.meta.url),
)
const paragraphs = readFileSync(seedPath, 'utf8')
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean)

const end = paragraphs.indexOf('Leave a Reply')

export const seed = {
  slug: 'openai-sora-artists-leak-protest',
  /** First line without the publication's suffix. */
  title: (paragraphs[0] as string).replace(/ – फ़र्स्टपोस्ट$/, ''),
  summary: paragraphs[1] as string,
  /** Every paragraph and sub-heading of the body, word for word. */
  body: paragraphs.slice(3, end),
  headings: [
    '‘आर्ट वॉशिंग’ का विरोध',
    'बढ़ती चिंताओं के बीच OpenAI ने प्रतिक्रिया दी',
    'बड़ी तस्वीर: एआई नैतिकता के लिए एक महत्वपूर्ण बिंदु',
  ],
}
