import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** One file the Worker read through its ASSETS binding. */
export interface AssetRead {
  path: string
  /** Bytes of the answer's body (0 for a file that is not there). */
  bytes: number
}

/**
 * ASSETS as a plain service over the build's asset folder that notes each file
 * read in `reads`: what a request costs in files and bytes, counted at the
 * binding (as a Node function, so the count sits outside the Worker).
 */
export function countingAssets(folder: string, reads: AssetRead[]) {
  return async (request: Request) => {
    const path = decodeURIComponent(new URL(request.url).pathname)
    try {
      const body = await readFile(join(folder, path))
      reads.push({ path, bytes: body.byteLength })
      return new Response(body)
    } catch {
      reads.push({ path, bytes: 0 })
      return new Response(null, { status: 404 })
    }
  }
}
