import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Colour, Problem, VirtualRunState } from '../../electron/contract'
import { BoardSettingsSchema } from '../../electron/contract'
import { VirtualBoard, type VirtualBoardOptions } from '../../electron/core/board/virtual/board'
import * as v from 'valibot'

/** The board settings' defaults (RGB LED on 25, 26, 27, common cathode; BOOT on GPIO0). */
export const defaultBoard = v.parse(BoardSettingsSchema, {})

/** A virtual board on a temp folder, with everything it emitted recorded for the checks. */
export class TestBoard {
  readonly lines: { stream: 'out' | 'err'; text: string }[] = []
  readonly leds: (Colour | null)[] = []
  readonly states: { run: VirtualRunState; exit?: Problem }[] = []
  readonly hints: Problem[] = []
  serial = Buffer.alloc(0)
  readonly board: VirtualBoard

  constructor(
    readonly dir: string | undefined,
    opts: Partial<VirtualBoardOptions> = {}
  ) {
    this.board = new VirtualBoard({ board: defaultBoard, dir, ...opts })
    this.board.on('output', (l) => this.lines.push(l))
    this.board.on('led', (c) => this.leds.push(c))
    this.board.on('state', (s) => this.states.push(s))
    this.board.on('hint', (h) => this.hints.push(h))
    this.board.on('serial', (b) => (this.serial = Buffer.concat([this.serial, b])))
  }

  /** A board whose folder holds these files (main.py, config.py, lib/…). */
  static withFiles(
    files: Record<string, string>,
    opts: Partial<VirtualBoardOptions> = {}
  ): TestBoard {
    const dir = mkdtempSync(path.join(tmpdir(), 'puente-vboard-'))
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
      writeFileSync(path.join(dir, name), text)
    }
    return new TestBoard(dir, opts)
  }

  get out(): string[] {
    return this.lines.map((l) => l.text)
  }

  get run(): VirtualRunState | undefined {
    return this.states.at(-1)?.run
  }

  get led(): Colour | null | undefined {
    return this.leds.at(-1)
  }

  /** Resolves when pred holds (checked every 5 ms), or fails with what the board printed. */
  async until(pred: () => boolean, what: string, ms = 10_000): Promise<void> {
    const end = Date.now() + ms
    while (!pred()) {
      if (Date.now() > end)
        throw new Error(`timed out waiting for ${what}; printed:\n${this.out.join('\n')}`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  /** Waits for a printed line containing `text`. */
  line(text: string, ms?: number): Promise<void> {
    return this.until(() => this.out.some((l) => l.includes(text)), `a line with ${text}`, ms)
  }

  async dispose(): Promise<void> {
    await this.board.dispose()
    if (this.dir) rmSync(this.dir, { recursive: true, force: true })
  }
}
