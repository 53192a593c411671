import type {
  BoardButton,
  BoardLine,
  BoardRejected,
  BoardStatus,
  Colour,
  FirmwareProgress,
  Problem,
  SerialPortInfo
} from '../../../electron/contract'
import { api, onHostLink } from './api'

const KEEP_LINES = 300
const FLASH_MS = 400

/** A colour from hue (0..360), saturation and value (0..1), for the colour area. */
export function fromHsv(h: number, s: number, v: number): Colour {
  const f = (n: number): number => {
    const k = (n + h / 60) % 6
    return Math.round(255 * (v - v * s * Math.max(0, Math.min(k, 4 - k, 1))))
  }
  return { r: f(5), g: f(3), b: f(1) }
}

/** Hue (0..360), saturation and value (0..1) of a colour. */
export function toHsv(c: Colour): { h: number; s: number; v: number } {
  const r = c.r / 255
  const g = c.g / 255
  const b = c.b / 255
  const max = Math.max(r, g, b)
  const d = max - Math.min(r, g, b)
  let h = 0
  if (d) h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4
  return { h: (h * 60 + 360) % 360, s: max ? d / max : 0, v: max }
}

/** The class presets under the picker. */
export const PRESETS: { key: string; colour: Colour }[] = [
  { key: 'red', colour: { r: 255, g: 0, b: 0 } },
  { key: 'green', colour: { r: 0, g: 255, b: 0 } },
  { key: 'blue', colour: { r: 0, g: 0, b: 255 } },
  { key: 'yellow', colour: { r: 255, g: 200, b: 0 } },
  { key: 'purple', colour: { r: 160, g: 0, b: 255 } },
  { key: 'cyan', colour: { r: 0, g: 255, b: 255 } },
  { key: 'white', colour: { r: 255, g: 255, b: 255 } },
  { key: 'off', colour: { r: 0, g: 0, b: 0 } }
]

/** The board card's state, kept in step with the core, and its actions. */
class BoardModel {
  status = $state.raw<BoardStatus | undefined>()
  ports = $state.raw<SerialPortInfo[]>([])
  lines = $state.raw<BoardLine[]>([])
  lastPress = $state.raw<BoardButton | undefined>()
  /** True for a moment after each press (the indicator lights). */
  lit = $state(false)
  presses = $state(0)
  rejected = $state.raw<BoardRejected[]>([])
  progress = $state.raw<FirmwareProgress | undefined>()
  firmware = $state('')
  /** The last refused or failed action, in words. */
  problem = $state.raw<Problem | undefined>()
  private litTimer: ReturnType<typeof setTimeout> | undefined

  /** Subscribes to the board's events and loads its state; returns the cleanup. */
  start(): () => void {
    const load = async (): Promise<void> => {
      const r = await api.invoke('board:get-state')
      if (!r.ok) return
      this.status = r.value.status
      this.ports = r.value.ports
      this.lines = r.value.lines
      this.lastPress = r.value.lastPress
      this.presses = r.value.lastPress?.presses ?? 0
      this.rejected = r.value.rejected
      this.firmware = r.value.firmware
      this.progress = r.value.progress
    }
    const offs = [
      api.on('board:status', (s) => (this.status = s)),
      api.on('board:line', (b) => (this.lines = [...this.lines, ...b.lines].slice(-KEEP_LINES))),
      api.on('board:button', (b) => this.onButton(b)),
      api.on('board:rejected', (r) => (this.rejected = [...this.rejected, r].slice(-20))),
      api.on('firmware:progress', (p) => (this.progress = p)),
      onHostLink((up) => {
        if (up) void load()
      })
    ]
    void load().then(() => this.listPorts())
    return () => {
      offs.forEach((off) => off())
      if (this.litTimer) clearTimeout(this.litTimer)
    }
  }

  private onButton(b: BoardButton): void {
    this.presses = b.presses
    if (!b.pressed) return
    this.lastPress = b
    this.lit = true
    if (this.litTimer) clearTimeout(this.litTimer)
    this.litTimer = setTimeout(() => (this.lit = false), FLASH_MS)
  }

  /** Lists the serial ports again (for the chooser). */
  async listPorts(): Promise<void> {
    const r = await api.invoke('board:list-ports')
    if (r.ok) this.ports = r.value
  }

  /** Chooses 'auto', 'off' or a port path. */
  async selectPort(serial: string): Promise<void> {
    const r = await api.invoke('board:select-port', { serial })
    this.problem = r.ok ? undefined : r.error
    if (r.ok) this.status = r.value
  }

  /** Publishes a colour on the LED topic (every board in the class follows). */
  async setColour(c: Colour): Promise<void> {
    const r = await api.invoke('board:set-colour', { r: c.r, g: c.g, b: c.b })
    this.problem = r.ok ? undefined : r.error
  }

  /** Installs the firmware; only after the teacher confirmed in the dialog. */
  async install(): Promise<void> {
    this.progress = { phase: 'connecting', done: 0, total: 0 }
    const r = await api.invoke('board:install-firmware', { confirm: true })
    this.problem = r.ok ? undefined : r.error
  }

  /** Forgets the printed output shown (the board is not affected). */
  clearLines(): void {
    this.lines = []
  }
}

export const board = new BoardModel()
