// The Temas tab as a tree: nested topics from mosquitto_pub grouped by levels with sums per
// branch, arrow keys to open and close, the search keeping branches, a branch filtering Messages.
import { mosquittoPub } from '../helpers/mosquitto'
import { missingTools } from '../helpers/tools'
import type { Locator } from '@playwright/test'
import { expect, openApp, test } from './helpers'

const skip = missingTools('mosquitto_pub')

test.describe('topic tree', () => {
  test.skip(!!skip, skip)

  for (const lang of ['es', 'en'] as const)
    test(`nested topics as a tree, keyboard, branch filters messages (${lang})`, async ({
      page,
      host
    }) => {
      const words = {
        es: { topics: 'Temas', messages: 'Mensajes', tree: 'Árbol de temas', on: 'Conectado' },
        en: { topics: 'Topics', messages: 'Messages', tree: 'Topic tree', on: 'Connected' }
      }[lang]
      await openApp(page, host, lang)
      await expect(page.getByTestId('mqtt-state')).toHaveText(words.on)
      const pub = (t: string, m: string): Promise<void> =>
        mosquittoPub(host.brokerPort, ['-t', `clase_eoi/t/${t}`, '-m', m])
      await pub('ana/temp', '{"temp":21.5}')
      await pub('ana/temp', '{"temp":21.7}')
      await pub('luis/temp', '{"temp":23}')
      await pub('otro', 'hola')
      await page.getByRole('tab', { name: words.topics }).click()

      const tree = page.getByRole('tree', { name: words.tree })
      const item = (p: string): Locator => tree.locator(`[data-path="clase_eoi${p}"]`)
      await expect(item('')).toHaveAttribute('aria-expanded', 'false')
      await expect(item('/t')).toHaveCount(0)

      // keyboard: → opens, ↓ moves, ← closes and then goes back to the parent
      await item('').focus()
      await page.keyboard.press('ArrowRight')
      await expect(item('')).toHaveAttribute('aria-expanded', 'true')
      await expect(item('/t').getByTestId('topic-nums')).toContainText('4')
      await item('/t').focus()
      await page.keyboard.press('ArrowRight')
      await expect(item('/t')).toHaveAttribute('aria-expanded', 'true')
      await page.keyboard.press('ArrowDown')
      await expect(item('/t/ana')).toBeFocused()
      await expect(item('/t/ana').getByTestId('topic-nums')).toContainText('2')
      await page.keyboard.press('ArrowRight')
      const leaf = item('/t/ana/temp')
      await expect(leaf.getByTestId('topic-last')).toHaveText('{"temp":21.7}')
      await expect(leaf).not.toHaveAttribute('aria-expanded')
      await page.keyboard.press('ArrowLeft')
      await expect(leaf).toHaveCount(0)
      await page.keyboard.press('ArrowLeft')
      await expect(item('/t')).toBeFocused()
      await page.keyboard.press('ArrowLeft')
      await expect(item('/t')).toHaveAttribute('aria-expanded', 'false')
      await expect(item('/t/ana')).toHaveCount(0)
      await page.keyboard.press('End')
      await expect(tree.getByRole('treeitem').last()).toBeFocused()
      await page.keyboard.press('Home')
      await expect(tree.getByRole('treeitem').first()).toBeFocused()

      // the search shows matching leaves with their branches
      await page.getByTestId('topics-filter').fill('luis')
      await expect(tree.getByRole('treeitem')).toHaveCount(4)
      await expect(item('/t/luis/temp')).toBeVisible()
      await page.getByTestId('topics-filter').fill('')

      // Enter on a branch: the Messages tab filtered to branch/#
      await item('/t').focus()
      await page.keyboard.press('Enter')
      await expect(page.getByRole('tab', { name: words.messages })).toHaveAttribute(
        'aria-selected',
        'true'
      )
      await expect(page.getByTestId('filter-topic')).toHaveValue('clase_eoi/t/#')
      const msgs = page.getByTestId('message')
      await expect(msgs.filter({ hasText: 'clase_eoi/t/' })).toHaveCount(4)
      await expect(msgs).toHaveCount(4)
    })
})
