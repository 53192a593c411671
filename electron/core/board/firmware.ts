import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BoardSettings } from '../../contract'
import { resourceDir } from '../resources'
import type { FirmwareFile } from './installer'

/** Version of resources/firmware (the hello the board sends carries it). */
export const FIRMWARE_VERSION = '1.0.0'
/** The program files, in the order they are written (main.py last: it imports the others). */
const FILES = ['puente.py', 'main.py']

/** Finds resources/firmware from the source tree, the built app (out/main) or a packaged one. */
export function firmwareDir(): string {
  return resourceDir('firmware', 'main.py')
}

/** The board's config.py for the LED and button wiring in settings. */
export function configPy(s: BoardSettings): string {
  const py = (b: boolean): string => (b ? 'True' : 'False')
  return [
    '# Configuración de la placa. Puente la escribe al instalar el firmware con lo que',
    '# indica su ajuste "board" (puedes editarla a mano: se lee al arrancar).',
    `LED = '${s.led}'  # 'pwm': LED RGB en tres pines; 'neopixel': un LED direccionable`,
    `PINES_RGB = (${s.pins.join(', ')})  # pines de rojo, verde y azul (modo 'pwm')`,
    `ANODO_COMUN = ${py(s.commonAnode)}  # True si el LED RGB es de ánodo común`,
    `PIN_NEOPIXEL = ${s.neopixelPin}  # pin del NeoPixel (modo 'neopixel')`,
    `PIN_BOTON = ${s.buttonPin}  # GPIO0 es el botón BOOT de casi todas las placas ESP32`,
    ''
  ].join('\n')
}

/** Every file the installer writes: the firmware and a config.py made from settings. */
export function firmwareFiles(s: BoardSettings, dir = firmwareDir()): FirmwareFile[] {
  return [
    { name: 'config.py', data: Buffer.from(configPy(s), 'utf8') },
    ...FILES.map((name) => ({ name, data: readFileSync(path.join(dir, name)) }))
  ]
}
