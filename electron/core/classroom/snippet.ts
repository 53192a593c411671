import os from 'node:os'

/** The computer's IPv4 addresses on its networks (what students' boards can reach). */
export function lanAddresses(): string[] {
  const out: string[] = []
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address)
  }
  return out
}

const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789'

/**
 * A class password easy to dictate and type on a board: 12 characters without 0/O, 1/l/i, in
 * groups of four (`k7mp-q2xa-hn4d`), 12 × log2(31) ≈ 59 bits.
 */
export function generateClassPassword(random: (n: number) => Buffer, length = 12): string {
  const bytes = random(length * 2)
  let out = ''
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    // 248 = 8 * 31: rejecting the rest keeps every character equally likely
    if (bytes[i] < 248) out += READABLE[bytes[i] % READABLE.length]
  }
  if (out.length < length) return generateClassPassword(random, length)
  return out.match(/.{1,4}/g)!.join('-')
}

/** Python string literal with the characters a password may hold escaped. */
function py(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** The MicroPython lines a student pastes to join the class broker. */
export function micropythonSnippet(
  host: string,
  port: number,
  user: string,
  password: string
): string {
  const portArg = port === 1883 ? '' : `, port=${port}`
  return [
    'from umqtt.simple import MQTTClient',
    `c = MQTTClient("alumno_01", ${py(host)}${portArg}, user=${py(user)}, password=${py(password)})`,
    'c.connect()'
  ].join('\n')
}
