/** Open-Meteo's answers are a few hundred bytes: anything over this is not one of them. */
export const MAX_BODY_BYTES = 64 * 1024

/** The body as text, or undefined once it passes `max` bytes (the rest is not read). */
export async function readCapped(res: Response, max: number): Promise<string | undefined> {
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Why a temperature cannot be the weather (colder than Vostok or hotter than Death Valley ever
 * were: a broken answer), or undefined.
 */
export function implausible(t: number, fahrenheit: boolean): string | undefined {
  const celsius = fahrenheit ? ((t - 32) * 5) / 9 : t
  if (celsius >= -90 && celsius <= 60) return undefined
  return `current.temperature_2m ${t} ${fahrenheit ? '°F' : '°C'} is outside −90…60 °C`
}
