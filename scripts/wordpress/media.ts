import { posix } from 'node:path'
import { paths } from '../../src/paths'
import type { WxrItem } from './wxr'

/** A file of the publisher's wp-content/uploads, with its size when it is an image. */
export interface UploadedFile {
  bytes: Buffer
  /** Width and height when the file is an image the build can read (image-size.ts). */
  size?: { width: number; height: number }
}

/** The publisher's wp-content/uploads folder (--uploads), read by relative path. */
export interface UploadsFolder {
  file(relative: string): UploadedFile | undefined
}

/** A WordPress attachment (an item of type attachment), as the importer uses it. */
export interface Attachment {
  id: string
  title: string
  /** Its path under wp-content/uploads, e.g. 2024/11/photo.jpg. */
  file: string
  url: string
  alt: string
  /** Its post; '0' for none. */
  parent: string
  width?: number
  height?: number
}

/** How the importer wrote one image, and why, for the report. */
export interface ImageOutcome {
  /** The <img> attributes to write, or a link to the image when it cannot be shown. */
  img?: { src: string; alt: string; width: string; height: string }
  link?: { href: string; text: string }
  /** A file to copy to content/media/<name> from uploads. */
  copy?: { name: string; bytes: Buffer }
  /** What the build would have refused and what was written instead, for the report. */
  notes: string[]
}

// Full size, first in WordPress's serialised PHP (the sizes array comes after).
const metaWidth = /s:5:"width";i:(\d{1,6});/
const metaHeight = /s:6:"height";i:(\d{1,6});/
// WordPress's resized copies: photo-300x200.jpg of photo.jpg.
const resizedSuffix = /-\d{1,5}x\d{1,5}(\.[A-Za-z0-9]{1,5})$/

/** Attachments of the export by id, and by their files' paths under uploads. */
export class AttachmentIndex {
  readonly byId = new Map<string, Attachment>()
  readonly byFile = new Map<string, Attachment>()

  constructor(items: readonly WxrItem[]) {
    for (const item of items) {
      if (item.type !== 'attachment') continue
      const file = item.meta._wp_attached_file || uploadsPath(item.attachmentUrl) || ''
      const meta = item.meta._wp_attachment_metadata ?? ''
      const width = metaWidth.exec(meta)?.[1]
      const height = metaHeight.exec(meta)?.[1]
      const attachment: Attachment = {
        id: item.id,
        title: item.title.trim(),
        file,
        url: item.attachmentUrl,
        alt: (item.meta._wp_attachment_image_alt ?? '').trim(),
        parent: item.parent,
        ...(width && height ? { width: Number(width), height: Number(height) } : {}),
      }
      this.byId.set(item.id, attachment)
      if (file) this.byFile.set(file, attachment)
    }
  }

  /** The attachment an image's address names: its own file, or the one it is a resized copy of. */
  forUrl(url: string): Attachment | undefined {
    const file = uploadsPath(url)
    if (!file) return undefined
    return this.byFile.get(file) ?? this.byFile.get(file.replace(resizedSuffix, '$1'))
  }

  /** The attachments uploaded to a post, in id order: what [gallery] without ids shows. */
  ofPost(postId: string): Attachment[] {
    return [...this.byId.values()]
      .filter((a) => a.parent === postId)
      .sort((a, b) => Number(a.id) - Number(b.id))
  }
}

/** The path under wp-content/uploads an address points into, if it does. */
export function uploadsPath(url: string): string | undefined {
  let path: string
  try {
    path = decodeURIComponent(new URL(url, 'https://wordpress.invalid/').pathname)
  } catch {
    return undefined
  }
  const at = path.indexOf('/wp-content/uploads/')
  // WordPress.com serves uploads at /<yyyy>/<mm>/<file> of *.files.wordpress.com.
  const rest =
    at >= 0
      ? path.slice(at + '/wp-content/uploads/'.length)
      : /^\/\d{4}\/\d{2}\/[^/]+$/.test(path)
        ? path.slice(1)
        : undefined
  if (!rest) return undefined
  const clean = posix.normalize(rest)
  return clean.startsWith('..') || clean.startsWith('/') ? undefined : clean
}

/** Alt text made from a file name: photo_of-the-sea-300x200.jpg → "photo of the sea". */
function altFromName(file: string): string {
  const base = posix.basename(file).replace(resizedSuffix, '$1')
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base
  return stem.replace(/[-_]+/g, ' ').trim() || 'image'
}

const positive = (value: string | undefined) =>
  value !== undefined && /^\d{1,6}$/.test(value) && Number(value) > 0 ? value : undefined

/**
 * How one <img> of a post is written so the build takes it: with alt text,
 * width and height, from /media/ when the uploads folder holds its file,
 * else from the old site; or as a link to it when its size is unknown.
 */
export function resolveImage(
  attribs: Record<string, string>,
  attachments: AttachmentIndex,
  uploads: UploadsFolder | undefined,
): ImageOutcome {
  const src = (attribs.src ?? '').trim()
  const notes: string[] = []
  const idFromClass = /(?:^|\s)wp-image-(\d{1,12})(?:\s|$)/.exec(attribs.class ?? '')?.[1]
  const attachment =
    (idFromClass ? attachments.byId.get(idFromClass) : undefined) ?? attachments.forUrl(src)
  const name = uploadsPath(src) ?? attachment?.file
  let alt = (attribs.alt ?? '').trim()
  if (!alt) {
    alt = attachment?.alt || attachment?.title || altFromName(name ?? src)
    notes.push(`image ${name ?? src} had no alt text: wrote "${alt}"`)
  }
  const local = name && uploads ? (uploads.file(name) ?? undefined) : undefined
  if (name && local?.size) {
    return {
      img: {
        src: paths.media(name),
        alt,
        width: String(local.size.width),
        height: String(local.size.height),
      },
      copy: { name, bytes: local.bytes },
      notes,
    }
  }
  if (name && uploads && !local) notes.push(`image ${name} is not in the uploads folder`)
  if (!/^https?:\/\//.test(src)) {
    notes.push(`image ${src || '(no address)'} has no address on the old site: left out`)
    return { notes }
  }
  // The size the post gave, else the full size WordPress recorded, if this is that file.
  const sameFile = attachment && uploadsPath(src) === attachment.file
  const width =
    positive(attribs.width) ?? (sameFile ? positive(String(attachment.width)) : undefined)
  const height =
    positive(attribs.height) ?? (sameFile ? positive(String(attachment.height)) : undefined)
  if (width && height) {
    notes.push(`image ${name ?? src} stays on the old site (${src})`)
    return { img: { src, alt, width, height }, notes }
  }
  notes.push(`image ${name ?? src} has no known size: written as a link to it`)
  return { link: { href: src, text: alt }, notes }
}
