/**
 * The row a list key asks for (arrows, pages, ends), kept inside the list; 'clear' for Escape;
 * undefined for any other key, or a move in an empty list: one keyboard map for every listbox.
 */
export function listKey(
  key: string,
  selected: number,
  count: number,
  page: number
): number | 'clear' | undefined {
  if (key === 'Escape') return 'clear'
  const rows: Record<string, number> = {
    ArrowDown: selected + 1,
    ArrowUp: selected < 0 ? 0 : selected - 1,
    PageDown: selected + page,
    PageUp: selected - page,
    Home: 0,
    End: count - 1
  }
  if (!count || !Object.hasOwn(rows, key)) return undefined
  return Math.max(0, Math.min(count - 1, rows[key]))
}
