import type { SerialPortInfo } from '../../contract'

/** USB bridges of ESP32 dev boards: vendor id → product ids ('*' for any). DESIGN "Board protocol". */
export const KNOWN_USB_IDS: Record<string, string[]> = {
  '10c4': ['ea60'], // CP210x
  '1a86': ['7523', '55d4'], // CH340, CH9102
  '0403': ['6001'], // FTDI
  '303a': ['*'] // Espressif native USB
}

/** True for a port whose USB ids are a known ESP32 dev board bridge. */
export function isKnownBoard(vendorId?: string, productId?: string): boolean {
  const products = vendorId ? KNOWN_USB_IDS[vendorId.toLowerCase()] : undefined
  if (!products || !productId) return false
  return products.includes('*') || products.includes(productId.toLowerCase())
}

interface RawPort {
  path: string
  vendorId?: string
  productId?: string
  manufacturer?: string
}

/** A function that lists ports (serialport's SerialPort.list, or a stand-in in tests). */
export type PortLister = () => Promise<RawPort[]>

/**
 * Lists serial ports and marks the known boards. Never throws: serialport's list runs udevadm
 * on Linux and rejects where it is missing, which must not take the app down.
 */
export async function listPorts(
  lister: PortLister
): Promise<{ ports: SerialPortInfo[]; error?: string }> {
  try {
    const raw = await lister()
    const ports = raw.map((p) => ({
      path: p.path,
      vendorId: p.vendorId,
      productId: p.productId,
      manufacturer: p.manufacturer,
      known: isKnownBoard(p.vendorId, p.productId)
    }))
    ports.sort((a, b) => Number(b.known) - Number(a.known) || a.path.localeCompare(b.path))
    return { ports }
  } catch (err) {
    return { ports: [], error: err instanceof Error ? err.message : String(err) }
  }
}

/** The port 'auto' picks: the first known board. */
export function pickBoard(ports: SerialPortInfo[]): SerialPortInfo | undefined {
  return ports.find((p) => p.known)
}
