import type { Problem, VirtualRunState } from '../../electron/contract'
import { TestBoard } from './virtual-board'

/** How a program on the virtual board ended: its printed lines, traceback, hint, exit. */
export interface Ended {
  out: string[]
  /** What went to stderr (the traceback), one string. */
  err: string
  state: VirtualRunState
  exit: Problem | undefined
  hint: Problem | undefined
}

/** The lines that connect the board's Wi-Fi, as the tutorial writes them. */
export const WIFI = `import network
wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect('aula', 'clave')
`

/**
 * Starts a virtual board whose main.py is `code` (plus other files of its folder, e.g.
 * lib/umqtt/simple.py), with Open-Meteo's host names mapped by `hosts`; `ended` resolves when
 * the program finishes, fails or is stopped. The caller disposes the board.
 */
export async function program(
  code: string,
  opts: { hosts?: Record<string, string>; files?: Record<string, string> } = {}
): Promise<{ board: TestBoard; ended: Promise<Ended> }> {
  const board = TestBoard.withFiles(
    { 'main.py': code, ...opts.files },
    { net: { hosts: opts.hosts ?? {} } }
  )
  const ended = new Promise<Ended>((resolve) => {
    const off = board.board.on('state', (s) => {
      if (s.run === 'starting' || s.run === 'running') return
      off()
      // the hint is emitted just before the final state
      resolve({
        out: board.lines.filter((l) => l.stream === 'out').map((l) => l.text),
        err: board.lines
          .filter((l) => l.stream === 'err')
          .map((l) => l.text)
          .join('\n'),
        state: s.run,
        exit: s.exit,
        hint: board.hints.at(-1)
      })
    })
  })
  await board.board.start()
  return { board, ended }
}
