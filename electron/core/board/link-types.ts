import type { Problem } from '../../contract'

/** What a board link tells the bridge. */
export interface LinkHandlers {
  opened(path: string): void
  data(chunk: Buffer): void
  /** The link closed by itself (unplugged) or an open attempt failed; it is being retried. */
  lost(problem: Problem, unplugged: boolean): void
}

/** One connection to a board: a USB serial port, or the virtual board's in-memory line. */
export interface BoardLink {
  readonly path: string
  readonly isOpen: boolean
  /** One attempt to open; rejects with the problem in words. Retries afterwards unless told not to. */
  open(retry?: boolean): Promise<void>
  /** Writes to the board now (no batching); false when the link is not open. */
  write(data: string | Buffer): boolean
  /** Waits until everything written has left for the board. */
  drain(): Promise<void>
  /** Closes the link and stops retrying. */
  stop(): Promise<void>
}

/** Makes the link for one board path (the bridge picks the factory by path). */
export type LinkFactory = (path: string, baud: number, handlers: LinkHandlers) => BoardLink
