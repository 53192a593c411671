/**
 * Splits text into rows of at most `cols` characters, for a virtualized list whose rows all
 * have one height: breaks at a space when one is near the end, else mid-word (a traceback's
 * long path). Newlines start a new row; an empty line is one empty row.
 */
export function wrapRows(text: string, cols: number): string[] {
  const width = Math.max(8, Math.floor(cols))
  const rows: string[] = []
  for (const line of text.split('\n')) {
    let rest = line
    while (rest.length > width) {
      const space = rest.lastIndexOf(' ', width)
      const cut = space > width / 2 ? space : width
      rows.push(rest.slice(0, cut))
      rest = rest.slice(space === cut ? cut + 1 : cut)
    }
    rows.push(rest)
  }
  return rows
}
