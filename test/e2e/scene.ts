// A class in full swing for the window's checks and the README's pictures: the built web host with
// the virtual board, the weather from the Open-Meteo fixture server, saved messages, a day of
// history and students' traffic from mosquitto_pub.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, type Page } from '@playwright/test'
import { dayOf, logLine } from '../../electron/core/traffic/log'
import { mosquittoPub } from '../helpers/mosquitto'
import { freePort } from '../helpers/ports'
import { OpenMeteoServer } from '../helpers/open-meteo-server'
import { openApp, refusedIntruder, startWebHost, type WebHost } from './helpers'
import { paste, program } from './virtual-helpers'

/** The running host, the weather server and the board's folder, stopped together. */
export interface Scene {
  host: WebHost
  weather: OpenMeteoServer
  boardDir: string
  stop: () => Promise<void>
}

/** The words a step clicks, in each language of the window. */
export const WORDS = {
  es: { board: 'Placa', class: 'Clase', open: 'Abrir a la red del aula' },
  en: { board: 'Board', class: 'Class', open: 'Open to the classroom network' }
} as const

/** Starts the host with the virtual board, Madrid's weather and two saved messages. */
export async function startScene(): Promise<Scene> {
  const weather = await new OpenMeteoServer().start()
  const boardDir = mkdtempSync(path.join(os.tmpdir(), 'puente-scene-'))
  writeFileSync(path.join(boardDir, 'main.py'), 'print("hola")\n')
  const settings = {
    weather: { place: 'Madrid', country: 'España', admin1: 'Madrid' },
    publish: {
      snippets: [
        { topic: 'clase_eoi/saludo', payload: 'hola clase', qos: 0, retain: false },
        { topic: 'clase_eoi/ana/led', payload: '{"r":0,"g":255,"b":0}', qos: 1, retain: true }
      ]
    }
  }
  const latLon = { latitude: 40.4165, longitude: -3.70256 }
  Object.assign(settings.weather, latLon)
  const host = await startWebHost(
    [
      ...['--serial', 'virtual', '--board-dir', boardDir],
      // a real port, as a teacher's settings show (0 would read as a mistake in the screenshots)
      ...['--broker-ws-port', String(await freePort())],
      ...['--weather-url', weather.forecastUrl, '--geocoding-url', weather.geocodingUrl]
    ],
    {},
    JSON.stringify(settings),
    { 'weather.json': weatherDay(latLon) }
  )
  writeHistory(host.dataDir)
  return {
    host,
    weather,
    boardDir,
    stop: async () => {
      await host.stop()
      await weather.stop()
      rmSync(boardDir, { recursive: true, force: true })
    }
  }
}

/** weather.json with a reading in Madrid and one every 15 minutes of today so far. */
function weatherDay(at: { latitude: number; longitude: number }): string {
  const now = Date.now()
  const start = new Date(new Date().toDateString()).getTime()
  const today = []
  // a morning warming up to the fixture's 21.4 °C, with the wobble of a real sensor
  const n = Math.floor((now - 60_000 - start) / (15 * 60_000))
  for (let i = 0; i < n; i++) {
    const warm = 21.4 - 5 * (1 - (i + 1) / n) ** 1.5 + Math.sin(i * 1.7) * 0.3
    const t = new Date(start + i * 15 * 60_000).toISOString()
    today.push({ t, temperature: Math.round(warm * 10) / 10, unit: '°C' })
  }
  const last = today.at(-1)
  const reading = {
    temperature: last?.temperature ?? 21.4,
    unit: '°C',
    time: new Date(now).toISOString().slice(0, 16),
    name: 'Madrid',
    ...at,
    country: 'España',
    admin1: 'Madrid',
    fetchedAt: new Date(now - 60_000).toISOString()
  }
  return JSON.stringify({ version: 1, reading, today })
}

/** Today's log with the temperatures of three students every minute of the first lesson. */
function writeHistory(dataDir: string): void {
  const dir = path.join(dataDir, 'traffic')
  mkdirSync(dir, { recursive: true })
  const now = new Date()
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 8, 30).getTime()
  const lines: string[] = []
  for (let i = 0; i < 90; i++) {
    const who = ['ana', 'luis', 'marta'][i % 3]
    const temp = 20 + (i % 3) + Math.round(Math.sin(i / 9) * 15) / 10
    const payload = `{"temp":${temp}}`
    lines.push(
      logLine({
        seq: i,
        t: new Date(start + i * 20_000).toISOString(),
        dir: 'in',
        topic: `clase_eoi/${who}/temp`,
        qos: 0,
        retain: false,
        payload,
        enc: 'utf8',
        size: payload.length
      })
    )
  }
  // a file of its own (rotated part 5) so it never meets the host's live log
  writeFileSync(path.join(dir, `${dayOf(start)}.5.jsonl`), lines.join(''))
}

/** What the students send during a lesson: temperatures, greetings, a retained state, bytes. */
export async function classTraffic(scene: Scene, rounds = 3): Promise<void> {
  const pub = (args: string[]): Promise<void> => mosquittoPub(scene.host.brokerPort, args)
  for (let i = 0; i < rounds; i++)
    for (const [who, base] of [
      ['ana', 21.5],
      ['luis', 23],
      ['marta', 19.8]
    ] as const)
      await pub(['-t', `clase_eoi/${who}/temp`, '-m', `{"temp":${base + i * 0.3}}`])
  await pub(['-t', 'clase_eoi', '-m', 'hola desde el equipo de Marta'])
  await pub(['-t', 'clase_eoi/luis/estado', '-m', 'conectado', '-r', '-q', '1'])
  await pub(['-t', 'clase_eoi/ana/boton', '-m', '{"pulsado":true}', '-q', '1'])
  const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x10, 0x20, 0x7f])
  await mosquittoPub(scene.host.brokerPort, ['-t', 'clase_eoi/marta/raw', '-s'], bytes)
}

/** Opens the class broker and knocks with a wrong password: the intruder notice stays up. */
export async function raiseNotice(page: Page, scene: Scene, lang: 'es' | 'en'): Promise<void> {
  const w = WORDS[lang]
  await page.getByRole('tab', { name: w.class }).click()
  await page.getByRole('button', { name: w.open }).click()
  await refusedIntruder(scene.host.brokerPort)
  await expect(page.getByTestId('notice')).toHaveCount(1)
}

/** Pastes exercises 1 and 3 into the virtual board, runs them and lights the LED blue. */
export async function runVirtualBoard(page: Page, scene: Scene, lang: 'es' | 'en'): Promise<void> {
  await page.getByRole('tab', { name: WORDS[lang].board }).click()
  await expect(page.getByTestId('virtual-editor')).toHaveAttribute('data-ready', 'true')
  await paste(page, program(scene.host.brokerPort))
  await page.keyboard.press('ControlOrMeta+S')
  await expect(page.getByTestId('virtual-dirty')).toHaveAttribute('data-dirty', 'false')
  await page.getByTestId('virtual-run').click()
  await expect(page.getByTestId('virtual-console')).toContainText('lista para la clase', {
    timeout: 20_000
  })
  await page.getByTestId('virtual-boot').click()
  await expect(page.getByTestId('virtual-console')).toContainText('mensaje 1')
  await page.getByTestId('preset-blue').click()
  await expect(page.getByTestId('virtual-led')).toHaveAttribute('data-colour', '#0000ff')
}

/** Opens the window in `lang` with the OS's `scheme`, as a teacher's laptop would have them. */
export async function openIn(
  page: Page,
  scene: Scene,
  lang: 'es' | 'en',
  scheme: 'light' | 'dark'
): Promise<void> {
  await page.setViewportSize({ width: 420, height: 600 })
  await page.emulateMedia({ colorScheme: scheme })
  await openApp(page, scene.host, lang)
}

/** Opens the Board tab (Spanish) on a host bridged to a pty board and sets the LED to `colour`. */
export async function showBoardColour(page: Page, host: WebHost, colour: string): Promise<void> {
  await openApp(page, host, 'es')
  await page.getByRole('tab', { name: 'Placa' }).click()
  await expect(page.getByTestId('board-state')).toHaveAttribute('data-state', 'connected')
  await page.getByTestId('colour-hex').fill(colour)
  await page.getByTestId('colour-hex').press('Enter')
  await expect(page.getByTestId('colour-reported')).toHaveAttribute('data-colour', colour)
}
