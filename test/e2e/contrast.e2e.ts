// Contrast measured, not eyeballed: axe's WCAG 2.x A and AA rules (colour contrast, 24×24 px
// targets, names, roles) on every tab of a full window at 420×600, light and dark, es and en,
// with the states a teacher meets: a selected row, a focused control, an open detail pane.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { missingTools } from '../helpers/tools'
import { boardTest, expect, test } from './helpers'
import {
  classTraffic,
  openIn,
  raiseNotice,
  runVirtualBoard,
  showBoardColour,
  startScene,
  type Scene
} from './scene'

const skip = missingTools('mosquitto_pub', 'socat')
const AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** axe's AA violations on the page as it is now, one line per element, named by `where`. */
async function audit(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(AA).analyze()
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${where}: ${v.id} ${n.target.join(' ')} ${n.failureSummary ?? ''}`)
  )
}

/**
 * What axe leaves out, measured here against the background painted under it: text made only of
 * symbols (the ↓ ↑ ⇅ arrows, 4.5:1), or with `ring` the focused element's outline (3:1, on its
 * own background and its parent's, as it is drawn across both).
 */
function glyphContrast(
  page: Page,
  selector: string,
  where: string,
  ring = false
): Promise<string[]> {
  return page.evaluate(
    ({ selector, where, ring }) => {
      const rgba = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number)
      const lum = ([r, g, b]: number[]): number => {
        const f = (v: number): number =>
          (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
      }
      /** The colour under `el`: its own background and its ancestors' composed, root first. */
      const under = (el: Element): number[] => {
        const layers: number[][] = []
        for (let e: Element | null = el; e; e = e.parentElement)
          layers.push(rgba(getComputedStyle(e).backgroundColor))
        let out = [255, 255, 255]
        for (const [r, g, b, a = 1] of layers.reverse())
          out = [r, g, b].map((v, i) => v * a + out[i] * (1 - a))
        return out
      }
      const contrast = (a: number[], b: number[]): number => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p)
        return (x + 0.05) / (y + 0.05)
      }
      const bad: string[] = []
      const els = ring
        ? [document.activeElement].filter((e) => e?.matches(`${selector}:focus-visible`))
        : [...document.querySelectorAll(selector)]
      if (ring && !els.length) return [`${where}: ${selector} is not focused`]
      for (const el of els as Element[]) {
        const style = getComputedStyle(el)
        if (ring && style.outlineStyle === 'none') bad.push(`${where}: no focus ring`)
        const fg = rgba(ring ? style.outlineColor : style.color)
        const backs = ring ? [el, el.parentElement ?? el] : [el]
        const ratio = Math.min(...backs.map((b) => contrast(fg, under(b))))
        const row = el.closest('[aria-selected]')?.getAttribute('aria-selected') === 'true'
        if (ratio < (ring ? 3 : 4.5))
          bad.push(
            `${where}: "${el.textContent}"${row ? ' (selected row)' : ''} ${ratio.toFixed(2)}:1`
          )
      }
      return bad
    },
    { selector, where, ring }
  )
}

const TABS = {
  es: {
    messages: 'Mensajes',
    topics: 'Temas',
    publish: 'Publicar',
    history: 'Historial',
    board: 'Placa',
    weather: 'Tiempo',
    class: 'Clase',
    settings: 'Ajustes'
  },
  en: {
    messages: 'Messages',
    topics: 'Topics',
    publish: 'Publish',
    history: 'History',
    board: 'Board',
    weather: 'Weather',
    class: 'Class',
    settings: 'Settings'
  }
} as const

test.describe('contrast and AA rules, measured', () => {
  test.skip(!!skip, skip)
  test.describe.configure({ mode: 'serial', timeout: 180_000 })
  let scene: Scene

  test.beforeAll(async ({ browser }) => {
    scene = await startScene()
    const page = await browser.newPage()
    await openIn(page, scene, 'es', 'light')
    await classTraffic(scene)
    // the program connects before the class broker asks for a password
    await runVirtualBoard(page, scene, 'es')
    await raiseNotice(page, scene, 'es')
    await page.close()
  })
  test.afterAll(() => scene?.stop())

  for (const lang of ['es', 'en'] as const)
    for (const scheme of ['light', 'dark'] as const)
      test(`every tab has no AA violation (${lang}, ${scheme})`, async ({ page }) => {
        const tabs = TABS[lang]
        await openIn(page, scene, lang, scheme)
        await expect(page.getByTestId('notice')).toHaveCount(1)
        // the scheme really is the one measured: the page's own background follows it
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
        expect(bg).toBe(scheme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(255, 255, 255)')
        const found: string[] = []
        const visit = async (tab: keyof typeof tabs): Promise<void> => {
          await page.getByRole('tab', { name: tabs[tab] }).click()
        }

        // Messages: the list, a selected row with its arrow and badges, the detail pane open
        await visit('messages')
        const rows = page.getByTestId('message')
        await expect(rows.first()).toBeVisible()
        found.push(...(await audit(page, 'messages')))
        // the list is virtual: a filter brings the rows to pick into view
        const filter = page.getByTestId('filter-topic')
        await filter.fill('clase_eoi/luis/#')
        await rows.filter({ hasText: 'clase_eoi/luis/estado' }).click()
        await expect(page.getByTestId('payload-view')).toBeVisible()
        found.push(...(await audit(page, 'messages, a received row selected')))
        const arrows = '[data-testid=message] .dir'
        expect(await page.locator(`[aria-selected=true] .dir`).textContent()).toBe('↓')
        found.push(...(await glyphContrast(page, arrows, 'messages, ↓ arrows')))
        await filter.fill('clase_eoi/led')
        await rows.first().click()
        await expect(rows.first().locator('[data-echoed=true]')).toHaveCount(1)
        found.push(...(await audit(page, 'messages, an own publish selected')))
        found.push(...(await glyphContrast(page, arrows, 'messages, ↑ ⇅ arrows')))
        await filter.fill('')
        // the list by keyboard: its focus ring on the rows' backgrounds
        await page.getByTestId('message-list').focus()
        await page.keyboard.press('ArrowDown')
        found.push(...(await glyphContrast(page, '[role=listbox]', 'messages, focus', true)))
        await page.getByTestId('legend').locator('summary').click()
        found.push(...(await audit(page, 'messages, the legend open')))
        found.push(...(await glyphContrast(page, '[data-testid=legend] .dir', 'legend arrows')))

        // Topics: the tree opened to a leaf, which is selected and focused
        await visit('topics')
        const root = page.getByTestId('topic-tree').locator('[data-path="clase_eoi"]')
        await root.focus()
        await page.keyboard.press('ArrowRight')
        await page.keyboard.press('ArrowDown')
        await page.keyboard.press('ArrowRight')
        found.push(...(await audit(page, 'topics, tree open, a row focused')))
        found.push(...(await glyphContrast(page, '[role=treeitem]', 'topics, focus', true)))

        await visit('publish')
        await page.getByTestId('publish-topic').focus()
        found.push(...(await audit(page, 'publish')))
        found.push(...(await glyphContrast(page, 'input', 'publish, focus', true)))
        // a topic a broker refuses: the error in words under the field
        await page.getByTestId('publish-topic').fill('clase_eoi/+')
        await expect(page.locator('.error-text')).toBeVisible()
        found.push(...(await audit(page, 'publish, a bad topic')))
        await page.getByTestId('publish-topic').fill('clase_eoi')

        // History: a search with results, one opened
        await visit('history')
        await page.getByTestId('history-topic').fill('clase_eoi/+/temp')
        await page.getByTestId('history-search').click()
        await expect(page.getByTestId('history-message').first()).toBeVisible()
        await page.getByTestId('history-message').first().click()
        found.push(...(await audit(page, 'history, a result selected')))
        found.push(...(await glyphContrast(page, '[data-testid=history-message] .dir', 'history')))

        await visit('board')
        await expect(page.getByTestId('virtual-led')).toHaveAttribute('data-colour', '#0000ff')
        found.push(...(await audit(page, 'board, virtual board running')))

        await visit('weather')
        await expect(page.getByTestId('weather-temperature')).toBeVisible()
        found.push(...(await audit(page, 'weather, a reading')))
        // the place search with its suggestions, the first one highlighted by ↓
        const place = page.locator('#weather-place')
        await place.fill('Sevil')
        const options = page.getByRole('listbox').getByRole('option')
        await expect(options).toHaveCount(2)
        await place.press('ArrowDown')
        await expect(options.first()).toHaveAttribute('aria-selected', 'true')
        found.push(...(await audit(page, 'weather, a suggestion highlighted')))
        await place.press('Escape')

        await visit('class')
        found.push(...(await audit(page, 'class, open')))
        // every notice shown, with its close button
        await page.getByTestId('notices-toggle').click()
        found.push(...(await audit(page, 'notices open')))
        await page.getByTestId('notices-toggle').click()

        await visit('settings')
        found.push(...(await audit(page, 'settings')))
        // the tabs by keyboard
        await page.getByRole('tab', { name: tabs.settings }).focus()
        await page.keyboard.press('ArrowLeft')
        found.push(...(await glyphContrast(page, '[role=tab]', 'tabs, focus', true)))

        expect(found).toEqual([])
      })
})

test.describe('contrast and AA rules on a USB board', () => {
  test.skip(!!skip, skip)

  for (const scheme of ['light', 'dark'] as const)
    boardTest(
      `the board card, its presses and the colour picker (${scheme})`,
      async ({ page, sim, boardHost }) => {
        await page.emulateMedia({ colorScheme: scheme })
        await showBoardColour(page, boardHost, '#ff8000')
        await sim.press()
        await expect(page.getByTestId('board-button')).toHaveText('1 pulsación')
        const found = await audit(page, 'board, USB')
        // the picker's lower half, scrolled into view, is measured too
        await page.getByTestId('colour-hex').scrollIntoViewIfNeeded()
        found.push(...(await audit(page, 'board, USB, picker')))
        expect(found).toEqual([])
      }
    )
})
