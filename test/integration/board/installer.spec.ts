import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { FirmwareProgress } from '../../../electron/contract'
import { firmwareDir } from '../../../electron/core/board/firmware'
import type { BoardService } from '../../../electron/core/board/service'
import type { Puente } from '../../../electron/core/puente'
import { BoardSim, SIM_BOARD_ID } from '../../sim/board-sim'
import { connected, startTestHub, until } from '../../helpers/hub'
import { missingTools } from '../../helpers/tools'

const file = (n: string): Buffer => readFileSync(path.join(firmwareDir(), n))

describe.skipIf(missingTools('socat'))(
  'firmware installer over the raw REPL, against the simulator',
  () => {
    let sim: BoardSim | undefined
    let hub: Puente | undefined
    afterEach(async () => {
      await hub?.stop()
      await sim?.stop()
      hub = sim = undefined
    })

    async function startHub(s: BoardSim): Promise<BoardService> {
      hub = await startTestHub({ board: { serial: s.hostPath, led: 'neopixel', neopixelPin: 5 } })
      await connected(hub)
      const board = hub.services.board
      await until(() => board.status.state === 'connected', 'the board connected')
      return board
    }

    it('needs the confirmation', async () => {
      sim = await BoardSim.start({ firmware: 'js' })
      await startHub(sim)
      const r = await hub!.invoke('board:install-firmware')
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.message).toMatch(/confirm/)
      expect(sim.mp!.readFile('main.py')).toBeUndefined()
    })

    it('writes the files complete and verified, soft-resets, and the new firmware says hello', async () => {
      // a board with MicroPython and an old program of the student's
      sim = await BoardSim.start({ firmware: 'wasm', files: { 'main.py': 'print("viejo")\n' } })
      await startHub(sim)
      const progress: FirmwareProgress[] = []
      hub!.events.on('firmware:progress', (p) => progress.push(p))
      const r = await hub!.invoke('board:install-firmware', { confirm: true })
      expect(r).toMatchObject({ ok: true, value: { files: ['config.py', 'puente.py', 'main.py'] } })
      expect(sim.mp!.readFile('puente.py')).toEqual(file('puente.py'))
      expect(sim.mp!.readFile('main.py')).toEqual(file('main.py'))
      expect(sim.mp!.readFile('config.py')!.toString()).toMatch(
        /LED = 'neopixel'[\s\S]*PIN_NEOPIXEL = 5/
      )
      expect(sim.mp!.readFile('main.py.tmp')).toBeUndefined()
      const phases = progress.map((p) => p.phase)
      expect(phases[0]).toBe('connecting')
      expect(phases).toContain('writing')
      expect(phases).toContain('verifying')
      expect(phases.at(-1)).toBe('done')
      const writes = progress.filter((p) => p.phase === 'writing').map((p) => p.done)
      expect(writes).toEqual([...writes].sort((a, b) => a - b))
      // after the soft reset the installed firmware runs and greets
      const board = hub!.services.board
      await until(
        () => board.status.state === 'connected' && board.status.boardId === SIM_BOARD_ID,
        'hello from the new firmware'
      )
      await hub!.invoke('board:set-colour', { r: 3, g: 2, b: 1 })
      await sim.waitFor(() => sim!.led?.r === 3, 'the NeoPixel set by the installed firmware')
    })

    it('an interrupted transfer reports the failure and leaves the old program in place', async () => {
      sim = await BoardSim.start({
        firmware: 'js',
        files: { 'main.py': 'print("viejo")\n' },
        unplugInRawAfter: 3000
      })
      await startHub(sim)
      const progress: FirmwareProgress[] = []
      hub!.events.on('firmware:progress', (p) => progress.push(p))
      const r = await hub!.invoke('board:install-firmware', { confirm: true })
      expect(r.ok).toBe(false)
      if (!r.ok)
        expect(`${r.error.code} ${r.error.message}`).toMatch(/board-unplugged|firmware-timeout/)
      expect(progress.at(-1)?.phase).toBe('failed')
      expect(sim.mp!.readFile('main.py')!.toString()).toBe('print("viejo")\n')
    })

    it('a board without MicroPython: says so', async () => {
      sim = await BoardSim.start({ firmware: 'none' })
      await startHub(sim)
      const r = await hub!.invoke('board:install-firmware', { confirm: true })
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('firmware-no-micropython')
        expect(r.error.message).toMatch(/does not answer as MicroPython/)
      }
    })
  }
)
