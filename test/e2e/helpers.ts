import { test as base, expect, type Page } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import mqtt from 'mqtt'
import { freePort } from '../helpers/ports'
import { startServe, type Served } from '../helpers/serve'
import { BoardSim } from '../sim/board-sim'

/** A running web host on free ports with its own temporary data directory. */
export interface WebHost {
  url: string
  httpPort: number
  /** The embedded broker's TCP port (mosquitto_pub/sub talk to it here). */
  brokerPort: number
  dataDir: string
  served: Served
  stop: () => Promise<void>
}

/**
 * Starts the built web host (`node out/main/serve.js`) on free ports, in a fresh temp data dir,
 * with the embedded broker unless `args` say otherwise (e.g. `--broker mqtt://…`).
 */
export async function startWebHost(
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  /** settings.json to start with (its text); by default only the broker's WebSocket port. */
  settingsFile = JSON.stringify({ broker: { wsPort: 0 } }),
  /** Other files of the data directory to start with (name → text), e.g. weather.json. */
  files: Record<string, string> = {}
): Promise<WebHost> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'puente-e2e-'))
  const brokerPort = await freePort()
  const httpPort = await freePort()
  // the embedded broker also opens a WebSocket port (9001 by default, no flag for it): let the
  // OS pick one so hosts of parallel runs do not collide
  writeFileSync(path.join(dataDir, 'settings.json'), settingsFile)
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dataDir, name), text)
  const served = await startServe(
    [
      '--data-dir',
      dataDir,
      '--broker-port',
      String(brokerPort),
      '--http-port',
      String(httpPort),
      ...args
    ],
    env
  )
  return {
    url: served.url,
    httpPort,
    brokerPort,
    dataDir,
    served,
    stop: async () => {
      await served.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Opens the window in Chromium and waits until it shows the connection state. */
export async function openApp(page: Page, host: WebHost, lang: 'es' | 'en' = 'en'): Promise<void> {
  // the language follows the browser's when the setting is 'auto'
  await page.addInitScript(
    (l) => Object.defineProperty(navigator, 'languages', { get: () => [l] }),
    lang
  )
  await page.goto(host.url)
  await expect(page.getByTestId('mqtt-state')).toBeVisible()
}

/** Playwright's `test` with a `host` (fresh web host per test) and an `app` page opened on it. */
export const test = base.extend<{ host: WebHost; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startWebHost()
    try {
      await use(host)
    } finally {
      await host.stop()
    }
  },
  app: async ({ page, host }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await openApp(page, host)
    await use(page)
    expect(errors, 'errors in the window (CSP violations, exceptions)').toEqual([])
  }
})

/**
 * `test` plus `sim`, a board with Puente's firmware on a socat pty, and `boardHost`, a web host
 * bridged to it (`--serial <pty>`): the setup of every spec about the USB board.
 */
export const boardTest = test.extend<{ sim: BoardSim; boardHost: WebHost }>({
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = await BoardSim.start({ repl: false })
    try {
      await use(sim)
    } finally {
      await sim.stop()
    }
  },
  boardHost: async ({ sim }, use) => {
    const host = await startWebHost(['--serial', sim.hostPath])
    try {
      await use(host)
    } finally {
      await host.stop()
    }
  }
})

/** A client with the class user name and a wrong password, refused by the broker at `port`. */
export async function refusedIntruder(port: number): Promise<void> {
  const intruder = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
    clientId: 'intruso',
    username: 'clase',
    password: 'nope',
    reconnectPeriod: 0
  })
  await new Promise((resolve) => intruder.once('error', resolve))
  intruder.end(true)
}

export { expect }
