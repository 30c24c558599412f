/**
 * Writes N synthetic, valid articles (Hindi news prose mixed with Latin-script
 * terms, 1,000 to 3,000 words each) and a copy of a site.yaml (content/'s
 * unless told) into a content folder, for measuring how the build and the Worker scale with N.
 * The same seed always writes the same files, so runs are comparable.
 *
 * Usage: tsx scripts/generate-articles.ts <outDir> <count> [seed]
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const contentSiteFile = fileURLToPath(new URL('../content/site.yaml', import.meta.url))

const hindiWords = (
  'सरकार कंपनी कलाकार लोग देश शहर बाज़ार नीति रिपोर्ट अधिकारी विशेषज्ञ उपयोगकर्ता तकनीक ' +
  'भविष्य समाचार चुनाव अदालत फ़ैसला बयान विरोध समझौता निवेश विकास शिक्षा स्वास्थ्य किसान ' +
  'मौसम बारिश पानी बिजली सड़क रेल उद्योग रोज़गार युवा महिला बच्चे परिवार समाज संस्कृति ' +
  'फ़िल्म संगीत खेल टीम मैच जीत हार सवाल जवाब योजना बजट क़ानून संसद मंत्री राज्य ' +
  'ने को से में पर का की के है हैं था थे और या लेकिन क्योंकि जबकि अब भी ही तो ' +
  'कहा बताया माना दावा किया गया गई हुआ होगा सकता चाहिए रहा रही रहे करने देने लेने ' +
  'नया नई बड़ा बड़ी छोटा पहला आख़िरी ज़रूरी मुश्किल आसान साफ़ तेज़ी धीरे ' +
  'आज कल सुबह शाम साल महीना हफ़्ते दिन समय बार पहले बाद दौरान तक लगभग करीब'
).split(' ')

const latinWords = (
  'OpenAI Sora API AI beta startup Google Microsoft Meta Apple smartphone app ' +
  'data cloud server 5G GDP RBI ISRO IPL T20 UPI Aadhaar Wi-Fi YouTube Instagram ' +
  'X Netflix software hardware chip GPU open-source policy deadline CEO CTO'
).split(' ')

const headings = (
  'पृष्ठभूमि|आगे क्या होगा|विशेषज्ञों की राय|सरकार का पक्ष|बाज़ार पर असर|' +
  'उपयोगकर्ताओं की प्रतिक्रिया|AI और नैतिकता|आंकड़े क्या कहते हैं|Startup जगत की चिंता'
).split('|')

/** Every tag a generated article may carry. */
export const syntheticTags =
  'तकनीक|राजनीति|अर्थव्यवस्था|खेल|मनोरंजन|विज्ञान|AI|स्टार्टअप|शिक्षा|स्वास्थ्य'.split('|')

/** Every author a generated article may be credited to. */
export const syntheticAuthors = [
  { name: 'समाचार डेस्क' },
  { name: 'प्रिया शर्मा', url: 'https://news.example.org/authors/priya' },
  { name: 'Rahul Verma', url: 'https://news.example.org/authors/rahul' },
  { name: 'अंकित & टीम' },
]

/** mulberry32: a tiny seeded PRNG, so the same seed writes the same content. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number

const between = (rand: Random, min: number, max: number) =>
  min + Math.floor(rand() * (max - min + 1))
const pick = <T>(rand: Random, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T

// Code-switched news prose: mostly Hindi, with the Latin-script names and terms
// Hindi reporting keeps as they are.
function sentence(rand: Random): string {
  const words = Array.from({ length: between(rand, 8, 20) }, () =>
    rand() < 0.15 ? pick(rand, latinWords) : pick(rand, hindiWords),
  )
  if (rand() < 0.1)
    words.splice(between(rand, 1, words.length - 1), 0, `“${pick(rand, latinWords)}”`)
  return `${words.join(' ')}।`
}

function paragraph(rand: Random): string[] {
  return Array.from({ length: between(rand, 3, 6) }, () => sentence(rand))
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

// Markdown body of `targetWords` words: paragraphs, sub-headings, now and then a
// list, a link, or the characters feeds must escape (&, <, and a CDATA terminator).
function body(rand: Random, targetWords: number): string {
  const blocks: string[] = []
  let words = 0
  while (words < targetWords) {
    const roll = rand()
    let block: string
    if (blocks.length > 0 && roll < 0.12) block = `## ${pick(rand, headings)}`
    else if (roll < 0.17)
      block = Array.from({ length: between(rand, 2, 4) }, () => `- ${sentence(rand)}`).join('\n')
    else {
      const sentences = paragraph(rand)
      if (rand() < 0.2)
        sentences.push(
          `[${pick(rand, latinWords)} रिपोर्ट](https://example.org/r/${between(rand, 1, 9999)})`,
        )
      if (rand() < 0.03) sentences.push('AT&T के शेयर <5% गिरे, कोड में `a]]>b` जैसा पाठ भी आया।')
      block = sentences.join(' ')
    }
    blocks.push(block)
    words += countWords(block)
  }
  return blocks.join('\n\n')
}

function isoWithOffset(instant: number): string {
  // Published in India: write the local time with +05:30, as the seed article does.
  const local = new Date(instant + 330 * 60_000).toISOString().slice(0, 19)
  return `${local}+05:30`
}

const yaml = (value: string) => JSON.stringify(value)

/** How generated articles are made: the seed, and the body's length in words. */
export interface GenerateOptions {
  seed?: number
  /** Fewest and most words of a body; 1,000 to 3,000 unless set (short ones keep 100,000 fast). */
  words?: [number, number]
}

/** The text of synthetic article number `index` (1-based), front matter and body. */
export function syntheticArticle(
  index: number,
  { seed = 1, words = [1000, 3000] }: GenerateOptions = {},
): { slug: string; text: string } {
  const rand = random(seed * 100_003 + index)
  const slug = `synthetic-article-${String(index).padStart(4, '0')}`
  // One a day going back from the day before the seed article, so it stays the newest.
  const published =
    Date.UTC(2024, 10, 26, 6, 0) - index * 86_400_000 + between(rand, 0, 600) * 60_000
  const updated = rand() < 0.2 ? published + between(rand, 1, 48) * 3_600_000 : undefined
  const articleAuthors =
    rand() < 0.3
      ? [pick(rand, syntheticAuthors), pick(rand, syntheticAuthors)]
      : [pick(rand, syntheticAuthors)]
  const articleTags = [
    ...new Set(Array.from({ length: between(rand, 1, 4) }, () => pick(rand, syntheticTags))),
  ]
  const lines = [
    '---',
    `title: ${yaml(sentence(rand).slice(0, -1))}`,
    `slug: ${slug}`,
    `published: ${isoWithOffset(published)}`,
    ...(updated ? [`updated: ${isoWithOffset(updated)}`] : []),
    'language: hi',
    `summary: ${yaml(paragraph(rand).join(' '))}`,
    'authors:',
    ...[...new Set(articleAuthors)].flatMap((a) => [
      `  - name: ${yaml(a.name)}`,
      ...(a.url ? [`    url: ${a.url}`] : []),
    ]),
    'tags:',
    ...articleTags.map((tag) => `  - ${yaml(tag)}`),
    ...(rand() < 0.3 ? ['source:', '  name: "फ़र्स्टपोस्ट"', '  url: https://www.firstpost.com/'] : []),
    `comments: ${rand() < 0.9 ? 'open' : 'closed'}`,
    '---',
    '',
    body(rand, between(rand, words[0], words[1])),
    '',
  ]
  return { slug, text: lines.join('\n') }
}

/**
 * Writes `count` synthetic articles and a copy of `siteFile` (content/site.yaml
 * unless given: tests and the bench give their own) under `outDir`.
 */
export function generateArticles(
  outDir: string,
  count: number,
  options: GenerateOptions & { siteFile?: string } = {},
): void {
  const articlesDir = join(outDir, 'articles')
  mkdirSync(articlesDir, { recursive: true })
  copyFileSync(options.siteFile ?? contentSiteFile, join(outDir, 'site.yaml'))
  for (let index = 1; index <= count; index++) {
    const { slug, text } = syntheticArticle(index, options)
    writeFileSync(join(articlesDir, `${slug}.md`), text)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [outDir, countText, seedText] = process.argv.slice(2)
  const count = Number(countText)
  if (!outDir || !Number.isInteger(count) || count < 0) {
    console.error('Usage: tsx scripts/generate-articles.ts <outDir> <count> [seed]')
    process.exit(1)
  }
  generateArticles(outDir, count, { seed: seedText ? Number(seedText) : 1 })
  console.log(`Wrote ${count} synthetic article(s) and site.yaml into ${outDir}`)
}
