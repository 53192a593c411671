// The parts of MicroPython's WebAssembly port (no types published) the simulator uses.
declare module '@micropython/micropython-webassembly-pyscript' {
  export interface MicroPython {
    runPython(code: string): unknown
    registerJsModule(name: string, module: Record<string, unknown>): void
    FS: {
      writeFile(path: string, data: string | Uint8Array): void
      readFile(path: string, opts?: { encoding?: 'utf8' | 'binary' }): Uint8Array
      mkdir(path: string): void
      readdir(path: string): string[]
      unlink(path: string): void
    }
  }
  export function loadMicroPython(opts: {
    stdout?: (s: string) => void
    stderr?: (s: string) => void
    stdin?: () => number | null
    heapsize?: number
    linebuffer?: boolean
  }): Promise<MicroPython>
}
