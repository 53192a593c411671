import { readFile } from 'node:fs/promises'
import { errorText, problem, PuenteError } from '../util/problem'

/** The CA certificate of an mqtts/wss broker (none for ''); a missing file is said in words. */
export async function readCaFile(file: string): Promise<Buffer | undefined> {
  if (!file) return undefined
  try {
    return await readFile(file)
  } catch (err) {
    throw new PuenteError(
      problem('mqtt-ca-file', `The CA file ${file} cannot be read: ${errorText(err)}.`, {
        file,
        reason: errorText(err)
      })
    )
  }
}
