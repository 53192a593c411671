import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { BoardFolder, boardDirFor } from '../../../electron/core/board/virtual/files'
import { PuenteError } from '../../../electron/core/util/problem'
import { tempDir } from '../../helpers/tmp'

const code = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof PuenteError ? e.problem.code : String(e))
  )

describe("the virtual board's folder", () => {
  it('a new board gets a starter main.py aimed at the broker, and lib/', async () => {
    const dir = boardDirFor(tempDir(), 'clase')
    const folder = await BoardFolder.ensure(dir, { host: '127.0.0.1', port: 18830 })
    const main = readFileSync(path.join(dir, 'main.py'), 'utf8')
    expect(main).toContain('from umqtt.simple import MQTTClient')
    expect(main).toContain('PUERTO = 18830')
    expect(existsSync(path.join(dir, 'lib'))).toBe(true)
    expect((await folder.list()).map((f) => f.path)).toEqual(['main.py'])
    // an existing folder is left as the class left it
    writeFileSync(path.join(dir, 'main.py'), 'print(1)\n')
    await BoardFolder.ensure(dir, { host: 'x', port: 1 })
    expect(readFileSync(path.join(dir, 'main.py'), 'utf8')).toBe('print(1)\n')
  })

  it('lists recursively, reads, writes, renames and deletes inside the folder', async () => {
    const folder = await BoardFolder.ensure(tempDir(), { host: 'h', port: 1 })
    await folder.write('lib/umqtt/simple.py', '# mine\n')
    const files = await folder.write('boot.py', 'print("boot")\n')
    expect(files.map((f) => f.path)).toEqual(['boot.py', 'lib/umqtt/simple.py', 'main.py'])
    expect(files[0].bytes).toBe(14)
    expect(Date.parse(files[0].modified)).not.toBeNaN()
    expect(await folder.read('lib/umqtt/simple.py')).toBe('# mine\n')
    const renamed = await folder.rename('boot.py', 'lib/viejo.py')
    expect(renamed.map((f) => f.path)).toContain('lib/viejo.py')
    expect(await code(folder.rename('main.py', 'lib/viejo.py'))).toBe('board-file-exists')
    expect(await code(folder.read('boot.py'))).toBe('board-file-missing')
    expect(await code(folder.read('lib'))).toBe('board-file-folder')
    const left = await folder.delete('lib/umqtt')
    expect(left.map((f) => f.path)).toEqual(['lib/viejo.py', 'main.py'])
    expect(await code(folder.delete('nada.py'))).toBe('board-file-missing')
  })

  it('never reaches outside the folder, symlinks included', async () => {
    const root = tempDir()
    const outsideDir = tempDir()
    writeFileSync(path.join(outsideDir, 'secret.txt'), 'no')
    mkdirSync(path.join(root, 'b'))
    const folder = await BoardFolder.existing(path.join(root, 'b'))
    symlinkSync(outsideDir, path.join(root, 'b', 'fuera'))
    for (const bad of ['../x.py', '/etc/passwd', 'a/../../x', './main.py', 'a b.py', ''])
      expect(await code(folder.read(bad)), bad).toBe('board-file-outside')
    expect(await code(folder.read('fuera/secret.txt'))).toBe('board-file-outside')
    expect(await code(folder.write('fuera/nuevo.py', 'x'))).toBe('board-file-outside')
    expect(existsSync(path.join(outsideDir, 'nuevo.py'))).toBe(false)
    expect(await code(folder.delete('fuera'))).toBe('board-file-outside')
    expect(existsSync(path.join(outsideDir, 'secret.txt'))).toBe(true)
    expect(await folder.list()).toEqual([])
  })

  it('a --board-dir that does not exist is refused in words', async () => {
    const missing = path.join(tempDir(), 'no-such')
    await expect(BoardFolder.existing(missing)).rejects.toThrow(`board folder missing: ${missing}`)
  })

  it('exports the folder as a zip with every file', async () => {
    const folder = await BoardFolder.ensure(path.join(tempDir(), 'mi-placa'), {
      host: 'h',
      port: 1
    })
    await folder.write('lib/util.py', 'def f():\n    return 1\n')
    const { filename, base64 } = await folder.exportZip()
    expect(filename).toBe('mi-placa.zip')
    const files = unzipSync(Buffer.from(base64, 'base64'))
    expect(Object.keys(files).sort()).toEqual(['lib/util.py', 'main.py'])
    expect(Buffer.from(files['lib/util.py']).toString()).toBe('def f():\n    return 1\n')
  })
})
