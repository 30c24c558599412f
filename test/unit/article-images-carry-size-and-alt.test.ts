import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { imageInfo } from '../../scripts/content/image-size'
import { renderBody } from '../../scripts/content/markdown'
import { mediaLibrary } from '../../scripts/content/media'
import { stylesheet } from '../../src/pages/style'
import { pngHeader } from '../support/images'

function gif(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(13)
  bytes.write('GIF89a', 0, 'latin1')
  bytes.writeUInt16LE(width, 6)
  bytes.writeUInt16LE(height, 8)
  return bytes
}

function jpeg(width: number, height: number): Buffer {
  // SOI, an APP0 segment to skip, then SOF0 with the frame size.
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00])
  const sof = Buffer.alloc(11)
  sof.writeUInt16BE(0xffc0, 0)
  sof.writeUInt16BE(9, 2)
  sof[4] = 8
  sof.writeUInt16BE(height, 5)
  sof.writeUInt16BE(width, 7)
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof])
}

function webpLossless(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(30)
  bytes.write('RIFF', 0, 'latin1')
  bytes.write('WEBPVP8L', 8, 'latin1')
  bytes[20] = 0x2f
  bytes.writeUInt32LE((width - 1) | ((height - 1) << 14), 21)
  return bytes
}

describe('image sizes', () => {
  it('reads width, height and type of PNG, GIF, JPEG, WebP and SVG', () => {
    assert.deepEqual(imageInfo(pngHeader(640, 480)), { width: 640, height: 480, type: 'image/png' })
    assert.deepEqual(imageInfo(gif(32, 16)), { width: 32, height: 16, type: 'image/gif' })
    assert.deepEqual(imageInfo(jpeg(1200, 800)), { width: 1200, height: 800, type: 'image/jpeg' })
    assert.deepEqual(imageInfo(webpLossless(300, 200)), {
      width: 300,
      height: 200,
      type: 'image/webp',
    })
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 48"></svg>')
    assert.deepEqual(imageInfo(svg), { width: 64, height: 48, type: 'image/svg+xml' })
  })

  it('knows no size for other files', () => {
    assert.equal(imageInfo(Buffer.from('not an image at all, just some text')), undefined)
  })
})

describe('images in article Markdown', () => {
  const mediaDir = mkdtempSync(join(tmpdir(), 'media-'))
  writeFileSync(join(mediaDir, 'map.png'), pngHeader(800, 600))
  writeFileSync(join(mediaDir, 'notes.txt'), 'text')
  const media = mediaLibrary(mediaDir)

  it('get their width and height, and the first is the lead image', () => {
    const body = renderBody(
      '![Flooded streets](/media/map.png)\n\n![Again](../media/map.png)',
      media,
    )
    assert.deepEqual(body.problems, [])
    assert.match(
      body.html,
      /<img src="\/media\/map.png" alt="Flooded streets" width="800" height="600" \/>/,
      'the lead image loads at once',
    )
    assert.match(
      body.html,
      /<img src="\/media\/map.png" alt="Again" width="800" height="600" loading="lazy" \/>/,
      'the others when the reader nears them',
    )
    assert.equal(body.leadImage?.alt, 'Flooded streets')
    assert.equal(body.leadImage?.type, 'image/png')
  })

  it('are scaled down to the column, keeping their shape, by the stylesheet', () => {
    // width and height attributes reserve the space; this lets a wide image shrink within it.
    assert.match(stylesheet, /^img\{max-width:100%;height:auto\}$/m)
  })

  it('in HTML are refused with an empty alt, or without width or height, naming each', () => {
    const body = renderBody(
      [
        '<img src="https://example.org/a.png" alt="" width="10" height="10">',
        '<img src="https://example.org/b.png" alt="  " width="10" height="10">',
        '<img src="https://example.org/c.png" alt width="10" height="10">',
        '<img src="https://example.org/d.png" alt="Map" width="10">',
        '<img src="https://example.org/e.png" alt="Map" width="10" height="10">',
      ].join('\n\n'),
      media,
    )
    assert.deepEqual(
      body.problems,
      ['a', 'b', 'c', 'd'].map(
        (name) =>
          `image "https://example.org/${name}.png" in HTML has no alt text, width or height: write images as ![alt text](/media/<file name>), or as HTML <img> with alt, width and height`,
      ),
    )
  })

  it('are refused without alt text, naming the image', () => {
    const body = renderBody('![](/media/map.png)', media)
    assert.deepEqual(body.problems, [
      'image "/media/map.png" has no alt text: write ![what the image shows](/media/map.png)',
    ])
  })

  it('are refused when missing, outside content/media/, or not images', () => {
    const problems = [
      '![a](/media/gone.png)',
      '![a](https://example.org/x.png)',
      '![a](/media/../secret.png)',
      '![a](/media/notes.txt)',
    ].flatMap((markdown) => renderBody(markdown, media).problems)
    assert.deepEqual(problems, [
      'image "/media/gone.png" does not exist in content/media/',
      'image "https://example.org/x.png" must be a file in content/media/, written as /media/<file name>',
      'image "/media/../secret.png" must be a file in content/media/, written as /media/<file name>',
      'image "/media/notes.txt" is not a PNG, JPEG, WebP, GIF or SVG file with a size',
    ])
  })
})
