import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OpenMeteoServer } from '../../helpers/open-meteo-server'
import { tempDir } from '../../helpers/tmp'
import type { TestBoard } from '../../helpers/virtual-board'
import { program, WIFI, type Ended } from '../../helpers/virtual-net'

// HTTP from the virtual board: Open-Meteo's host names reach the configured endpoints (here the
// local fixture server), over http or https as the student wrote it; plus real TLS.

const boards: TestBoard[] = []
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.dispose()))
})

/** Runs main.py on a fresh virtual board to its end. */
async function finished(code: string, opts: Parameters<typeof program>[1] = {}): Promise<Ended> {
  const p = await program(code, opts)
  boards.push(p.board)
  return p.ended
}

describe('virtual board HTTP through the Open-Meteo host mapping', () => {
  let meteo: OpenMeteoServer

  beforeAll(async () => {
    meteo = await new OpenMeteoServer().start()
  })
  afterAll(async () => {
    await meteo.stop()
  })

  const hosts = (): Record<string, string> => ({
    'api.open-meteo.com': `http://127.0.0.1:${meteo.port}`,
    'geocoding-api.open-meteo.com': `http://127.0.0.1:${meteo.port}`
  })

  it('urequests.get of http://api.open-meteo.com reaches the fixture server', async () => {
    const r = await finished(
      `${WIFI}
import urequests
r = urequests.get('http://api.open-meteo.com/v1/forecast?latitude=40.4165&longitude=-3.70256&current=temperature_2m')
print(r.status_code)
d = r.json()
print(d['current']['temperature_2m'], d['current_units']['temperature_2m'])
r.close()
`,
      { hosts: hosts() }
    )
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    expect(r.out).toEqual(['200', '21.4 °C'])
    expect(meteo.forecasts().at(-1)?.params).toMatchObject({
      latitude: '40.4165',
      longitude: '-3.70256',
      current: 'temperature_2m'
    })
  })

  it('an https:// URL to a host mapped to plain http still works (ssl passes through)', async () => {
    const r = await finished(
      `${WIFI}
import requests
r = requests.get('https://geocoding-api.open-meteo.com/v1/search?name=Madrid&count=1')
print(r.status_code, r.headers['content-type'])
print(r.json()['results'][0]['name'])
r = requests.post('https://api.open-meteo.com/nada', json={'a': 1})
print(r.status_code, r.text)
`,
      { hosts: hosts() }
    )
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    expect(r.out).toEqual([
      '200 application/json; charset=utf-8',
      'Madrid',
      '404 {"error":true,"reason":"Not Found"}'
    ])
    expect(meteo.log.at(-2)).toMatchObject({ endpoint: 'geocoding', params: { name: 'Madrid' } })
  })

  it("ntptime.settime() needs the Wi-Fi and then leaves the laptop's clock as it is", async () => {
    const r = await finished(`import ntptime, time
try:
    ntptime.settime()
except OSError as e:
    print('sin wifi', e.errno)
${WIFI}
ntptime.settime()
print(abs(ntptime.time() - time.time()) <= 1)
`)
    expect(r.err).toBe('')
    expect(r.out).toEqual(['sin wifi -2', 'True'])
  })

  it('upip.install and mip.install of the class libraries say they are already there', async () => {
    const r = await finished(`import upip, mip
upip.install('micropython-umqtt.simple')
mip.install('umqtt.robust')
mip.install('github:alguien/otra')
`)
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    expect(r.out).toEqual([
      'micropython-umqtt.simple: ya está instalado en la placa virtual (import umqtt.simple)',
      'micropython-umqtt.simple: already installed on the virtual board',
      'umqtt.robust: ya está instalado en la placa virtual (import umqtt.robust)',
      'umqtt.robust: already installed on the virtual board',
      'github:alguien/otra: la placa virtual no descarga paquetes; copia su .py a lib/',
      'github:alguien/otra: the virtual board does not download packages; copy its .py into lib/'
    ])
  })
})

describe('virtual board TLS', () => {
  let server: https.Server
  let port: number

  beforeAll(async () => {
    const dir = tempDir('puente-tls-')
    const key = path.join(dir, 'key.pem')
    const cert = path.join(dir, 'cert.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        key,
        '-out',
        cert
      ],
      { stdio: 'ignore' }
    )
    server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) =>
      res.end(`tls ${req.method} ${req.url} ${req.headers.host}`)
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  })

  it('ssl.wrap_socket speaks real TLS (no certificate check, as MicroPython by default)', async () => {
    const r = await finished(`${WIFI}
import socket, ssl
s = socket.socket()
s.connect(socket.getaddrinfo('localhost', ${port})[0][-1])
s = ssl.wrap_socket(s, server_hostname='localhost')
s.write(b'GET /hola HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n')
print(s.readline())
while s.readline() != b'\\r\\n':
    pass
print(s.read())
s.close()
`)
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    expect(r.out).toEqual(["b'HTTP/1.1 200 OK\\r\\n'", "b'tls GET /hola localhost'"])
  })

  it('an http:// URL to a host mapped to an https endpoint is carried over TLS', async () => {
    const r = await finished(
      `${WIFI}
import requests
print(requests.get('http://api.open-meteo.com/v1/forecast?x=1').text)
`,
      { hosts: { 'api.open-meteo.com': `https://127.0.0.1:${port}` } }
    )
    expect(r.err).toBe('')
    expect(r.state).toBe('finished')
    expect(r.out).toEqual(['tls GET /v1/forecast?x=1 api.open-meteo.com'])
  })

  it('CERT_REQUIRED refuses a self-signed certificate with an OSError', async () => {
    const r = await finished(`${WIFI}
import socket, ssl
s = socket.socket()
s.connect(('127.0.0.1', ${port}))
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.verify_mode = ssl.CERT_REQUIRED
ctx.wrap_socket(s, server_hostname='localhost')
`)
    expect(r.err).toContain('OSError: -9984')
    expect(r.state).toBe('error')
  })
})
