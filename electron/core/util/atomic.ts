import { promises as fs } from 'node:fs'
import path from 'node:path'

/** Writes a file so that readers see the old or the new content, never half of it. */
export async function writeFileAtomic(file: string, data: string, mode = 0o644): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`
  const handle = await fs.open(tmp, 'w', mode)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await fs.rename(tmp, file)
}
