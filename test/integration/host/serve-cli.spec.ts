import { spawn } from 'node:child_process'
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { CSP } from '../../../electron/shared/csp'
import { electronRuntime } from '../../../scripts/electron-runtime.cjs'
import { tempDir } from '../../helpers/hub'
import { freePort } from '../../helpers/ports'
import { startFailure, startServe, startTestServe } from '../../helpers/serve'

/** What `npm run serve` printed when it did not get to ready on these ports ('started' if it did). */
function failedStart(brokerPort: number, httpPort: number): Promise<string> {
  const ports = ['--broker-port', String(brokerPort), '--http-port', String(httpPort)]
  return startFailure(startServe(['--data-dir', tempDir(), ...ports]))
}

describe('npm run serve: the command line', () => {
  it('prints ready with the URL, and exits non-zero with a one-line reason when the broker port is taken', async () => {
    const { taken, port } = await takePort()
    try {
      const err = await failedStart(port, await freePort())
      expect(err).toMatch(/exited with 1 before ready/)
      const reason = err.split('\n').filter(Boolean).slice(1)
      expect(reason).toHaveLength(1)
      expect(reason[0]).toMatch(new RegExp(`port ${port}.*another program.*--broker-port`))
    } finally {
      taken.close()
    }
  })

  it('exits non-zero with one line when the web port is taken', async () => {
    const { taken, port } = await takePort()
    try {
      const err = await failedStart(await freePort(), port)
      expect(err).toMatch(new RegExp(`port ${port}.*--http-port`))
    } finally {
      taken.close()
    }
  })

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const host = await startTestServe()
    try {
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const res = await fetch(host.url + '/')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-security-policy')).toBe(CSP)
      expect(await res.text()).toContain('<div id="app">')
      expect((await fetch(host.url + '/../../package.json')).status).toBeGreaterThanOrEqual(400)
    } finally {
      await host.stop()
    }
  })

  it.skipIf(electronRuntime().path !== undefined)(
    'npm start without an Electron runtime says why and runs the web host instead',
    async () => {
      const brokerPort = await freePort()
      const args = [
        '--data-dir',
        tempDir(),
        '--broker-port',
        String(brokerPort),
        '--broker-ws-port',
        '0',
        '--http-port',
        String(await freePort())
      ]
      const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let out = ''
      child.stdout.on('data', (d) => (out += d))
      try {
        const until = Date.now() + 20_000
        while (!/^Its MQTT broker/m.test(out) && Date.now() < until)
          await new Promise((r) => setTimeout(r, 50))
        expect(out).toContain('there is no Electron runtime on this computer')
        expect(out).toContain('Starting the web host instead')
        expect(out).not.toContain('node_modules/electron')
        expect(out).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+$/m)
        expect(out).toMatch(/^Puente is running in the web host: open http:\/\/127\.0\.0\.1:\d+ /m)
        expect(out).toContain(
          `Its MQTT broker: mqtt://127.0.0.1:${brokerPort} (MQTT over WebSocket`
        )
      } finally {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
    }
  )
})

/** A port held by another program (a plain TCP server) until `taken.close()`. */
async function takePort(): Promise<{ taken: net.Server; port: number }> {
  const taken = net.createServer().listen(0, '127.0.0.1')
  await new Promise((r) => taken.once('listening', r))
  return { taken, port: (taken.address() as net.AddressInfo).port }
}
