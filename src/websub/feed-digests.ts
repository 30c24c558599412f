import { dataFiles } from '../content/data-files'

/** The part of the ASSETS binding (a Fetcher) the loader uses. */
export interface DigestAssets {
  fetch(url: string): Promise<Response>
}

// Only the finished value is kept, never a read in progress: workerd cancels a
// request that waits on a promise another request began. An isolate runs one
// deployed version, whose assets never change, so the file is read once.
let held: Readonly<Record<string, string>> | undefined

/** The build's digest of each subscription feed (dataFiles.feedDigests), read once per isolate. */
export async function feedDigests(assets: DigestAssets): Promise<Readonly<Record<string, string>>> {
  if (held) return held
  const response = await assets.fetch(`https://assets.invalid${dataFiles.feedDigests}`)
  if (!response.ok) {
    throw new Error(`${dataFiles.feedDigests}: asset answered ${response.status}`)
  }
  // The build writes this file from the same type; nothing else does.
  const read = (await response.json()) as Record<string, string>
  held = read
  return read
}
