import { contentFolder, type FixtureArticle } from './content-folder'
import { blendPng } from './images'

/** The sections the news site's site.yaml chooses, in menu order. */
export const newsSections = ['राजनीति', 'खेल', 'विज्ञान', 'मौसम']

/** The size every lead image of the news site is built at: one width, so no srcset. */
export const leadImageSize = { width: 960, height: 640 }

type Colour = readonly [number, number, number]

/** One story: its slug, date, headline, tags, and its lead image's colours (none: no picture). */
interface Story {
  slug: string
  published: string
  title: string
  tags: string[]
  picture?: readonly [Colour, Colour]
}

/** Newest first: the first is the lead story, the one without a picture is a card without one. */
export const newsStories: readonly Story[] = [
  {
    slug: 'sansad-mein-bajat-par-bahas',
    published: '2026-03-06T10:00:00+05:30',
    title: 'संसद में बजट पर लंबी बहस, विपक्ष ने किसानों के लिए राहत की माँग की',
    tags: ['राजनीति', 'अर्थव्यवस्था'],
    picture: [
      [150, 40, 20],
      [240, 190, 90],
    ],
  },
  {
    slug: 'cricket-team-ki-jeet',
    published: '2026-03-05T21:30:00+05:30',
    title: 'आख़िरी ओवर में छक्का: भारत ने रोमांचक मुक़ाबले में सीरीज़ जीती',
    tags: ['खेल', 'क्रिकेट'],
    picture: [
      [20, 110, 60],
      [200, 230, 160],
    ],
  },
  {
    slug: 'chandrayaan-ke-naye-chitra',
    published: '2026-03-05T12:00:00+05:30',
    title: 'चंद्रयान ने भेजे दक्षिणी ध्रुव के नए चित्र',
    tags: ['विज्ञान'],
    picture: [
      [10, 20, 60],
      [120, 140, 200],
    ],
  },
  {
    slug: 'rajya-chunav-ki-taiyari',
    published: '2026-03-04T18:00:00+05:30',
    title: 'राज्य चुनाव की तैयारी तेज़, आयोग ने मतदान की तारीख़ें घोषित कीं',
    tags: ['राजनीति'],
  },
  {
    slug: 'mausam-vibhag-ki-chetavani',
    published: '2026-03-04T08:00:00+05:30',
    title: 'मौसम विभाग की चेतावनी: उत्तर भारत में अगले तीन दिन बारिश',
    tags: ['मौसम'],
    picture: [
      [60, 70, 90],
      [180, 200, 220],
    ],
  },
  {
    slug: 'nagar-nigam-ka-faisla',
    published: '2026-03-03T15:00:00+05:30',
    title: 'नगर निगम ने पुराने बाज़ार के पुनर्विकास को मंज़ूरी दी',
    tags: ['राजनीति', 'शहर'],
    picture: [
      [120, 60, 130],
      [230, 180, 200],
    ],
  },
  {
    slug: 'hockey-league-shuru',
    published: '2026-03-02T19:00:00+05:30',
    title: 'हॉकी लीग का नया सत्र शुरू, पहले दिन दो बड़े उलटफेर',
    tags: ['खेल'],
    picture: [
      [0, 90, 120],
      [150, 220, 210],
    ],
  },
]

/**
 * A small news site in Hindi: seven stories in four sections, six with a lead
 * image (a real PNG, so a browser loads it), and site.yaml choosing the sections.
 */
export function newsSite(): string {
  const media: Record<string, Buffer> = {}
  const articles: FixtureArticle[] = newsStories.map((story) => {
    let body = `${story.title}। पूरी ख़बर यहाँ है।`
    if (story.picture) {
      const [from, to] = story.picture
      media[`${story.slug}.png`] = blendPng(leadImageSize.width, leadImageSize.height, from, to)
      body = `![${story.title} का चित्र](/media/${story.slug}.png)\n\n${body}`
    }
    return {
      slug: story.slug,
      published: story.published,
      title: story.title,
      summary: `${story.title}। इस ख़बर का सार दो वाक्यों में, जैसा संपादक लिखते हैं।`,
      tags: story.tags,
      body,
    }
  })
  return contentFolder(articles, {
    settings: { sections: JSON.stringify(newsSections) },
    media,
  })
}
