import type { Colour } from '../../../contract'

/** Where the virtual board's LED and button are, as the board's config.py says. */
export interface Wiring {
  /** Red, green and blue PWM pins of the RGB LED. */
  rgb: [number, number, number]
  commonAnode: boolean
  neopixel: number
  button: number
}

/** An ESP32 as the class wires it when the board has no config.py. */
export const DEFAULT_WIRING: Wiring = {
  rgb: [25, 26, 27],
  commonAnode: false,
  neopixel: 48,
  button: 0
}

const int = (text: string, name: string): number | undefined => {
  const m = new RegExp(`^\\s*${name}\\s*=\\s*(\\d+)`, 'm').exec(text)
  return m ? Number(m[1]) : undefined
}

/** Reads the wiring from a config.py (Puente's firmware's names); what is missing stays default. */
export function wiringFrom(configPy: string | undefined): Wiring {
  if (!configPy) return { ...DEFAULT_WIRING, rgb: [...DEFAULT_WIRING.rgb] }
  const pins = /^\s*PINES_RGB\s*=\s*[([]\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/m.exec(configPy)
  const anode = /^\s*ANODO_COMUN\s*=\s*(True|False|1|0)/m.exec(configPy)
  return {
    rgb: pins ? [Number(pins[1]), Number(pins[2]), Number(pins[3])] : [...DEFAULT_WIRING.rgb],
    commonAnode: anode ? anode[1] === 'True' || anode[1] === '1' : DEFAULT_WIRING.commonAnode,
    neopixel: int(configPy, 'PIN_NEOPIXEL') ?? DEFAULT_WIRING.neopixel,
    button: int(configPy, 'PIN_BOTON') ?? DEFAULT_WIRING.button
  }
}

/**
 * The colour an RGB LED shows for the duties (0..65535) on its three pins: a common anode
 * lights when its pin is low, so its duties count the other way.
 */
export function pwmColour(duties: [number, number, number], commonAnode: boolean): Colour {
  const [r, g, b] = duties.map((d) => {
    const on = commonAnode ? 65535 - d : d
    return Math.round((Math.min(65535, Math.max(0, on)) * 255) / 65535)
  })
  return { r, g, b }
}
