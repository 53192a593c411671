/**
 * A size on disk in the window's language ("12,3 MB", "12.3 MB"): decimal units, as file
 * managers show them, one decimal at most.
 */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, div] =
    bytes >= 1e9 ? ['gigabyte', 1e9] : bytes >= 1e6 ? ['megabyte', 1e6] : ['kilobyte', 1e3]
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    maximumFractionDigits: 1
  }).format(bytes / div)
}
