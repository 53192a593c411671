import type { LogMessage } from '../../contract'

/** The CSV export's header row (fixed: other tools read it). */
export const CSV_HEADER = 't,dir,topic,qos,retain,enc,payload\r\n'
/** Put before the header when a spreadsheet opens the file, so it reads UTF-8. */
export const BOM = '\ufeff'

/** One field quoted as RFC 4180 asks: only when it holds a comma, a quote or a line break. */
function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** One message as a CSV row (CRLF-ended): utf8 payloads as their text, base64 ones as base64. */
export function csvRow(m: LogMessage): string {
  return `${m.t},${m.dir},${field(m.topic)},${m.qos},${m.retain},${m.enc},${field(m.payload)}\r\n`
}

export type ExportFormat = 'jsonl' | 'csv'
