import { readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { paths } from '../../src/paths'
import { type ImageInfo, imageInfo } from './image-size'

/** An image in content/media/, as an article's <img> and the feeds' enclosures need it. */
export interface MediaImage extends ImageInfo {
  /** Its path on the site (/media/<name>). */
  url: string
  /** Its size in bytes. */
  length: number
}

/** Finds the images articles refer to; each file is read once per build. */
export interface MediaLibrary {
  /** The image `src` refers to, or why it cannot be used. */
  image(src: string): MediaImage | string
}

/** The images in `mediaDir` (content/media/), referred to as /media/<name> or ../media/<name>. */
export function mediaLibrary(mediaDir: string): MediaLibrary {
  const known = new Map<string, MediaImage | string>()
  return {
    image(src) {
      const name = /^(?:\.\.\/|\/)?media\/(.+)$/.exec(src)?.[1]
      if (!name || posix.normalize(name) !== name || name.startsWith('..')) {
        return `image "${src}" must be a file in content/media/, written as /media/<file name>`
      }
      const held = known.get(name)
      if (held) return held
      let found: MediaImage | string
      try {
        const bytes = readFileSync(join(mediaDir, name))
        const info = imageInfo(bytes)
        found = info
          ? { ...info, url: paths.media(name), length: bytes.length }
          : `image "${src}" is not a PNG, JPEG, WebP, GIF or SVG file with a size`
      } catch {
        found = `image "${src}" does not exist in content/media/`
      }
      known.set(name, found)
      return found
    },
  }
}
