// Draws Puente's tray and app icons with Node alone (zlib for PNG, PNG-in-ICO for Windows), so
// the icons can be regenerated anywhere: `node scripts/make-icons.mjs`. The files are committed.
//
// Tray states: connected (green disc, white bridge), disconnected (grey ring, grey bridge),
// error (red disc, white "!"); "-board" variants add a blue dot when a board is on USB.
// macOS gets black "…Template.png" variants (the menu bar tints them), told apart by shape.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TRAY = path.join(ROOT, 'resources/tray')

// --- shapes in unit coordinates (0..1), each a test "is this point inside" ---------------------

const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const ring = (cx, cy, r0, r1) => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2
  return d <= r1 * r1 && d >= r0 * r0
}
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y))
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y)

// A bridge: an arch over a deck, with two piers.
const arch = (x, y) => y <= 0.56 && ring(0.5, 0.62, 0.17, 0.27)(x, y)
const bridge = union(
  arch,
  rect(0.18, 0.52, 0.82, 0.61),
  rect(0.2, 0.52, 0.28, 0.74),
  rect(0.72, 0.52, 0.8, 0.74)
)
const bang = union(rect(0.44, 0.2, 0.56, 0.58), disc(0.5, 0.72, 0.075))
const body = disc(0.5, 0.5, 0.46)
const hollow = ring(0.5, 0.5, 0.36, 0.46)
const boardDot = disc(0.82, 0.82, 0.17)
const boardHalo = disc(0.82, 0.82, 0.24)

const GREEN = [46, 157, 79]
const GREY = [128, 134, 143]
const RED = [208, 54, 47]
const BLUE = [47, 111, 214]
const WHITE = [255, 255, 255]
const BLACK = [0, 0, 0]

/** Coloured layers, painted in order: [shape, rgb]; a null colour erases. */
function colourLayers(state, board) {
  const layers = {
    connected: [
      [body, GREEN],
      [bridge, WHITE]
    ],
    disconnected: [
      [hollow, GREY],
      [bridge, GREY]
    ],
    error: [
      [body, RED],
      [bang, WHITE]
    ]
  }[state]
  return board ? [...layers, [boardHalo, null], [boardDot, BLUE]] : layers
}

/** Monochrome layers for macOS template images: only alpha matters. */
function templateLayers(state, board) {
  const layers = {
    connected: [[minus(body, bridge), BLACK]],
    disconnected: [
      [hollow, BLACK],
      [bridge, BLACK]
    ],
    error: [[minus(body, bang), BLACK]]
  }[state]
  return board ? [...layers, [boardHalo, null], [boardDot, BLACK]] : layers
}

/** Rasterises layers at `size` px with 4×4 supersampling; returns RGBA bytes. */
function raster(layers, size) {
  const px = Buffer.alloc(size * size * 4)
  const N = 4
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const x = (pxi + (sx + 0.5) / N) / size
          const y = (py + (sy + 0.5) / N) / size
          let colour
          for (const [shape, rgb] of layers) if (shape(x, y)) colour = rgb
          if (colour) {
            r += colour[0]
            g += colour[1]
            b += colour[2]
            a++
          }
        }
      }
      const i = (py * size + pxi) * 4
      if (a) {
        px[i] = Math.round(r / a)
        px[i + 1] = Math.round(g / a)
        px[i + 2] = Math.round(b / a)
        px[i + 3] = Math.round((255 * a) / (N * N))
      }
    }
  }
  return px
}

// --- PNG and ICO encoders ----------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function png(rgba, size) {
  return pngWH(rgba, size, size)
}
function pngWH(rgba, width, height) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const rows = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++)
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}
/** An ICO holding PNG images (Windows Vista and later read these). */
function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length)
  head.writeUInt16LE(1, 2)
  head.writeUInt16LE(images.length, 4)
  let offset = head.length
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i
    head[e] = size >= 256 ? 0 : size
    head[e + 1] = size >= 256 ? 0 : size
    head.writeUInt16LE(1, e + 4) // planes
    head.writeUInt16LE(32, e + 6) // bits per pixel
    head.writeUInt32LE(data.length, e + 8)
    head.writeUInt32LE(offset, e + 12)
    offset += data.length
  })
  return Buffer.concat([head, ...images.map((i) => i.data)])
}

// --- write everything --------------------------------------------------------------------------

mkdirSync(TRAY, { recursive: true })
const written = []
const put = (file, data) => {
  writeFileSync(file, data)
  written.push(path.relative(ROOT, file))
}
for (const state of ['connected', 'disconnected', 'error']) {
  for (const board of [false, true]) {
    const name = board ? `${state}-board` : state
    const at = (size, layers) => png(raster(layers, size), size)
    put(path.join(TRAY, `${name}.png`), at(16, colourLayers(state, board)))
    put(path.join(TRAY, `${name}@2x.png`), at(32, colourLayers(state, board)))
    put(path.join(TRAY, `${name}Template.png`), at(16, templateLayers(state, board)))
    put(path.join(TRAY, `${name}Template@2x.png`), at(32, templateLayers(state, board)))
    put(
      path.join(TRAY, `${name}.ico`),
      ico([16, 24, 32].map((size) => ({ size, data: at(size, colourLayers(state, board)) })))
    )
  }
}
// The app icon: electron-builder makes the Linux sizes, Windows' 256 px .ico and the macOS .icns
// (whose largest Retina size is 1024 px) from this one PNG.
put(
  path.join(ROOT, 'resources/icon.png'),
  png(raster(colourLayers('connected', false), 1024), 1024)
)
// `--preview FILE`: every tray icon at 32 px side by side, scaled ×4, on grey (for a review).
const previewAt = process.argv.indexOf('--preview')
if (previewAt > 0) {
  const names = ['connected', 'disconnected', 'error']
  const rows = [colourLayers, templateLayers].map((layersOf) =>
    [false, true].flatMap((board) => names.map((n) => raster(layersOf(n, board), 32)))
  )
  const cell = 32 * 4
  const w = cell * 6
  const h = cell * rows.length
  const out = Buffer.alloc(w * h * 4)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const src = rows[Math.floor(y / cell)][Math.floor(x / cell)]
      const i = (Math.floor((y % cell) / 4) * 32 + Math.floor((x % cell) / 4)) * 4
      const a = src[i + 3] / 255
      const o = (y * w + x) * 4
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(src[i + c] * a + 221 * (1 - a))
      out[o + 3] = 255
    }
  }
  writeFileSync(process.argv[previewAt + 1], pngWH(out, w, h))
}
console.log(`wrote ${written.length} files:\n  ${written.join('\n  ')}`)
