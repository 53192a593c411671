import { afterEach } from 'vitest'
import { TestBoard } from './virtual-board'

/** A `started(files)` that starts a board on those files, and the hook that disposes each one after its test. */
export function startedBoards(): (files: Record<string, string>) => Promise<TestBoard> {
  const boards: TestBoard[] = []
  afterEach(async () => {
    await Promise.all(boards.splice(0).map((b) => b.dispose()))
  })
  return async (files) => {
    const b = TestBoard.withFiles(files)
    boards.push(b)
    await b.board.start()
    return b
  }
}
