/** What the build needs to know of an image file to write its <img> and feed enclosures. */
export interface ImageInfo {
  width: number
  height: number
  /** Media type, e.g. image/png. */
  type: string
}

function png(b: Buffer): ImageInfo | undefined {
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG') return undefined
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), type: 'image/png' }
}

function gif(b: Buffer): ImageInfo | undefined {
  if (b.length < 10 || b.toString('latin1', 0, 3) !== 'GIF') return undefined
  return { width: b.readUInt16LE(6), height: b.readUInt16LE(8), type: 'image/gif' }
}

function jpeg(b: Buffer): ImageInfo | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined
  let at = 2
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined
    const marker = b[at + 1] as number
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7), type: 'image/jpeg' }
    }
    at += 2 + b.readUInt16BE(at + 2)
  }
  return undefined
}

function webp(b: Buffer): ImageInfo | undefined {
  if (
    b.length < 30 ||
    b.toString('latin1', 0, 4) !== 'RIFF' ||
    b.toString('latin1', 8, 12) !== 'WEBP'
  )
    return undefined
  const chunk = b.toString('latin1', 12, 16)
  const type = 'image/webp'
  if (chunk === 'VP8X')
    return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3), type }
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21)
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff), type }
  }
  if (chunk === 'VP8 ')
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff, type }
  return undefined
}

function svg(b: Buffer): ImageInfo | undefined {
  const text = b.toString('utf8', 0, Math.min(b.length, 4096))
  const tag = /<svg\b[^>]*>/.exec(text)?.[0]
  if (!tag) return undefined
  const attr = (name: string) => new RegExp(`\\s${name}="([\\d.]+)(?:px)?"`).exec(tag)?.[1]
  const viewBox = /\sviewBox="[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)"/.exec(tag)
  const width = Number(attr('width') ?? viewBox?.[1])
  const height = Number(attr('height') ?? viewBox?.[2])
  if (!(width > 0 && height > 0)) return undefined
  return { width: Math.round(width), height: Math.round(height), type: 'image/svg+xml' }
}

/** The size and type of a PNG, JPEG, WebP, GIF or SVG file; undefined for anything else. */
export function imageInfo(bytes: Buffer): ImageInfo | undefined {
  return png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes) ?? svg(bytes)
}
