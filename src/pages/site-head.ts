import type { Context } from 'hono'
import { type AppEnv, config } from '../app/context'
import { site } from '../content/index'
import type { FeedLink } from '../feeds/formats'
import { paths } from '../paths'
import type { PageHead } from './layout'

/** The <head> of a site-level page (home, 404): site title, language and canonical home. */
export function siteHead<E extends AppEnv>(c: Context<E>, feeds: FeedLink[]): PageHead {
  return {
    language: site.language,
    title: site.title,
    description: site.description,
    canonical: config(c).siteUrl + paths.home,
    feeds,
    ogType: 'website',
    siteTitle: site.title,
  }
}
