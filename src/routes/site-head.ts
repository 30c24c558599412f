import type { Context } from 'hono'
import { site } from '../content/index'
import { paths } from '../paths'
import type { FeedLink, PageHead } from '../render/pages/layout'
import { type AppEnv, config } from './app-env'

/** The <head> of a site-level page (home, 404): site title, language and canonical home. */
export function siteHead(c: Context<AppEnv>, feeds: FeedLink[]): PageHead {
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
