// The parts of MicroPython's WebAssembly port (no types published) the virtual board and the
// test simulator use.
declare module '@micropython/micropython-webassembly-pyscript' {
  export interface MicroPython {
    runPython(code: string): unknown
    registerJsModule(name: string, module: Record<string, unknown>): void
    pyimport(name: string): Record<string, unknown>
    /** The Emscripten module: the exported C functions, among them the keyboard interrupt. */
    _module: { _mp_sched_keyboard_interrupt(): void }
    FS: {
      writeFile(path: string, data: string | Uint8Array): void
      readFile(path: string, opts?: { encoding?: 'utf8' | 'binary' }): Uint8Array
      mkdir(path: string): void
      readdir(path: string): string[]
      unlink(path: string): void
      chdir(path: string): void
    }
  }
  /** Thrown by runPython: `type` is the exception's class name, `message` the traceback. */
  export interface PythonError extends Error {
    type: string
  }
  interface LoadOptions {
    stdin?: () => number | null
    heapsize?: number
    pystack?: number
  }
  /** linebuffer false: the output callbacks get each byte as it is written. */
  export function loadMicroPython(
    opts: LoadOptions & {
      linebuffer: false
      stdout?: (b: Uint8Array) => void
      stderr?: (b: Uint8Array) => void
    }
  ): Promise<MicroPython>
  /** linebuffer true (the default): one callback per line, without its newline. */
  export function loadMicroPython(
    opts: LoadOptions & {
      linebuffer?: true
      stdout?: (s: string) => void
      stderr?: (s: string) => void
    }
  ): Promise<MicroPython>
}
