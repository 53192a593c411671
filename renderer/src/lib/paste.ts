/**
 * Code pasted from the tutorial (a web page, a PDF, a shared document) as MicroPython accepts it:
 * tabs in the indentation become four spaces (mixed with the editor's spaces they would be an
 * IndentationError), non-breaking and zero-width spaces become plain spaces or go, CRLF is LF.
 */
export function normalizePastedCode(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/^[ \t]+/gm, (indent) => indent.replace(/\t/g, '    '))
}
