import fs from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { received, until } from '../../helpers/hub'
import { cannotMount, mountTmpfs, type SmallDisk } from '../../helpers/mount'
import { startedHubs } from '../../helpers/started-hubs'

const skip = cannotMount()
const hub = startedHubs()
const disks: SmallDisk[] = []
afterEach(() => {
  for (const d of disks.splice(0)) d.unmount()
})

describe.skipIf(skip)('Puente on a data directory whose disk fills up', () => {
  it('keeps bridging, says the log stopped (notice, error topic, state), and resumes by itself', async () => {
    const disk = mountTmpfs(8 * 1024)
    disks.push(disk)
    const h = await hub(disk.dir)
    const id = h.settings.mqtt.clientId
    const c = mqtt.connect(`mqtt://127.0.0.1:${h.brokerStatus.port}`, { clientId: 'lleno' })
    const errors: { code: string }[] = []
    c.on('message', (t, p) => t.endsWith('/error') && errors.push(JSON.parse(p.toString())))
    await new Promise((r) => c.once('connect', r))
    await new Promise((r) => c.subscribe(`puente/${id}/error`, r))
    await h.invoke('mqtt:subscribe', { filter: 'lleno/#' })

    const filler = path.join(disk.dir, 'relleno')
    const st = fs.statfsSync(disk.dir)
    fs.writeFileSync(filler, Buffer.alloc(st.bavail * st.bsize - 32 * 1024))
    const payload = 'x'.repeat(1000)
    for (let i = 0; i < 300; i++) c.publish('lleno/datos', `${i} ${payload}`)
    await until(() => h.snapshot().log?.writing === false, 'the log to stop', 15_000)
    expect(h.snapshot().log?.problem?.message).toMatch(/the disk is full/)
    expect(h.snapshot().notices.map((n) => n.code)).toContain('traffic-log-stopped')
    await until(() => errors.some((e) => e.code === 'traffic-log-stopped'), 'the error topic')
    // the bridge goes on: every message reached Puente
    await until(() => received(h, 'lleno/datos').length === 300, 'all 300 messages at Puente')

    fs.rmSync(filler)
    await until(() => h.snapshot().log?.writing === true, 'the log to resume', 15_000)
    // the stopped notice goes once the log writes again: only the resumed one is left
    const codes = h.snapshot().notices.map((n) => n.code)
    expect(codes).toContain('traffic-log-resumed')
    expect(codes).not.toContain('traffic-log-stopped')
    c.end(true)
    await h.stop()
    const lines = h.traffic.log!.files().flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { topic: string })
    )
    expect(lines.filter((l) => l.topic === 'lleno/datos')).toHaveLength(300)
  })
})
