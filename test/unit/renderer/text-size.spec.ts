// Text in the window is at least 12 px everywhere (a teacher reads it on a projector and at
// 420 px wide): every font size the renderer's styles set, in app.css and in each component.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'

const SRC = path.resolve(__dirname, '../../../renderer/src')

/** Every .css and .svelte file under `dir`. */
function styled(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return styled(full)
    return /\.(css|svelte)$/.test(e.name) ? [full] : []
  })
}

it('no style sets text below 12 px', () => {
  const small: string[] = []
  for (const file of styled(SRC)) {
    const text = readFileSync(file, 'utf8')
    // `font-size: 11px` and the size inside the `font:` shorthand (`font: 10px var(--mono)`)
    for (const m of text.matchAll(/font(?:-size)?:\s*(?:[a-z-]+\s+)*([\d.]+)px/g))
      if (Number(m[1]) < 12) small.push(`${path.relative(SRC, file)}: ${m[0]}`)
  }
  expect(small).toEqual([])
})
