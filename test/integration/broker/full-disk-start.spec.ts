import fs from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { received, until } from '../../helpers/hub'
import { cannotMount, mountTmpfs, type SmallDisk } from '../../helpers/mount'
import { freePort } from '../../helpers/ports'
import { startServe } from '../../helpers/serve'
import { startedHubs } from '../../helpers/started-hubs'

const skip = cannotMount()
const hub = startedHubs()
const disks: SmallDisk[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const d of disks.splice(0)) d.unmount()
})

/** Fills the disk but `leave` bytes with a file of its own. */
function fill(dir: string, leave: number): string {
  const filler = path.join(dir, 'relleno')
  const st = fs.statfsSync(dir)
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, st.bavail * st.bsize - leave)))
  return filler
}

describe.skipIf(skip)('a restart on a full disk with the embedded broker', () => {
  it('starts with the broker store in memory, says so, and the log stops and resumes as usual', async () => {
    const disk = mountTmpfs(2048)
    disks.push(disk)
    const first = await hub(disk.dir)
    const topic = 'lleno/datos'
    await first.invoke('mqtt:subscribe', { filter: 'lleno/#' })
    await first.publish(topic, Buffer.from('antes'), 1, true)
    await until(() => received(first, topic).length === 1, 'the first message at Puente')
    await first.stop()
    // the last log line torn, as a crash on a full disk leaves it, then no room at all
    const log = first.traffic.log!.files().at(-1)!
    fs.appendFileSync(log, '{"seq":99,"t":"2026-')
    const filler = fill(disk.dir, 0)

    const said = vi.spyOn(console, 'error')
    const h = await hub(disk.dir)
    expect(h.brokerStatus.running).toBe(true)
    const notice = h.snapshot().notices.find((n) => n.code === 'broker-store-in-memory')
    expect(notice).toMatchObject({ level: 'warning' })
    expect(notice?.message).toMatch(/cannot be opened .*No space left on device/)
    expect(notice?.message).toMatch(/kept in memory for this run/)
    expect(said.mock.calls.flat().join('\n')).toContain(notice!.message)

    // the broker works, and the log stops with its usual state
    const c = mqtt.connect(`mqtt://127.0.0.1:${h.brokerStatus.port}`, { clientId: 'lleno' })
    await new Promise((r) => c.once('connect', r))
    await h.invoke('mqtt:subscribe', { filter: 'lleno/#' })
    const payload = 'x'.repeat(1000)
    for (let i = 0; i < 50; i++) c.publish(topic, `${i} ${payload}`, { qos: 1 })
    await until(() => received(h, topic).length >= 50, 'the 50 messages at Puente')
    await until(() => h.snapshot().log?.writing === false, 'the log to stop', 15_000)
    expect(h.snapshot().log?.problem?.message).toMatch(/the disk is full/)

    fs.rmSync(filler)
    await until(() => h.snapshot().log?.writing === true, 'the log to resume', 15_000)
    c.end(true)
  })

  it('npm run serve prints ready and the reason on stderr instead of exiting', async () => {
    const disk = mountTmpfs(2048)
    disks.push(disk)
    const args = async (): Promise<string[]> => [
      ...['--data-dir', disk.dir, '--serial', 'off'],
      ...['--http-port', String(await freePort()), '--broker-port', String(await freePort())]
    ]
    const first = await startServe(await args())
    const port = Number(/^broker mqtt:\/\/127\.0\.0\.1:(\d+)/m.exec(first.output())![1])
    const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: 'antes' })
    await new Promise((r) => c.once('connect', r))
    // a retained message in the store, and a line in the log
    await c.publishAsync('clase_eoi/antes', 'x', { qos: 1, retain: true })
    c.end(true)
    const traffic = path.join(disk.dir, 'traffic')
    await until(() => fs.existsSync(traffic) && fs.readdirSync(traffic).length > 0, 'a log file')
    await first.stop()
    const log = path.join(traffic, fs.readdirSync(traffic)[0])
    fs.appendFileSync(log, '{"seq":99,"t":"2026-')
    fill(disk.dir, 0)
    const again = await startServe(await args())
    const out = again.output()
    await again.stop()
    expect(out).toMatch(/^broker mqtt:\/\/127\.0\.0\.1:\d+/m)
    expect(out).toMatch(
      /store .* cannot be opened .*No space left on device.*in memory for this run/
    )
  })

  it('still refuses to start when another Puente holds the store', async () => {
    const disk = mountTmpfs(2048)
    disks.push(disk)
    await hub(disk.dir)
    await expect(hub(disk.dir)).rejects.toThrow(/in use by another Puente/)
  })
})
