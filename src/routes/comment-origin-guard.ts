import { problemResponse } from '../http/problem'
import { crossSiteGuard } from '../middleware/origin-guard'
import { problemFor } from './comment-problems'

/** Refuses comment posts made by a page of another site (middleware/origin-guard.ts). */
export const commentOriginGuard = crossSiteGuard((source) =>
  problemResponse(
    problemFor({
      reason: 'cross_site',
      detail: `Comments can only be posted from this site's own pages; this request came from ${source}.`,
    }),
  ),
)
