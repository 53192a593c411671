import { tick } from 'svelte'

/**
 * The row a list key asks for (arrows, pages, ends), 'clear' for Escape, undefined for any other
 * key: one keyboard map for every message list.
 */
export function listKey(
  key: string,
  selected: number,
  count: number,
  page: number
): number | 'clear' | undefined {
  const rows: Record<string, number> = {
    ArrowDown: selected + 1,
    ArrowUp: selected < 0 ? 0 : selected - 1,
    PageDown: selected + page,
    PageUp: selected - page,
    Home: 0,
    End: count - 1
  }
  if (key === 'Escape') return 'clear'
  return Object.hasOwn(rows, key) ? rows[key] : undefined
}

/** Selects row `to` (kept inside the list), then scrolls to it once the page shows the selection. */
export async function selectRow(
  to: number,
  count: number,
  select: (i: number) => void,
  reveal: (i: number) => void
): Promise<void> {
  if (!count) return
  const i = Math.max(0, Math.min(count - 1, to))
  select(i)
  await tick() // the detail pane may have just opened and made the list shorter
  reveal(i)
}
