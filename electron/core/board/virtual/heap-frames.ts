import type { MicroPython } from '@micropython/micropython-webassembly-pyscript'

// Which interpreter frames a collection may run under. A collection at a point where Python
// called our JS sees every Python object on the pystack, but not what a C function holds in
// its locals while it calls back into Python: list() or sum() over a generator that sleeps,
// sorted(key=…), map(), f(*args). Collecting there frees a half-built list and the program
// goes wrong later. So the board learns, at start, the wasm functions on the stack of calls
// known to be safe (plain calls, methods, generators in a for loop, __init__, handlers run by
// the scheduler, execfile and import), and collects only when every wasm frame on the current
// stack is one of them. A frame it has not seen means "not now", never a wrong collection.

/** The probe: each way of reaching our JS that leaves nothing only a C local holds. */
const PROBE = `import _marcos, micropython
def f(a=0):
    return _marcos.aqui()
def g():
    yield f()
def h():
    yield from g()
class K:
    def __init__(self):
        f()
    def m(self, x=0):
        return f()
    def __enter__(self):
        return f()
    def __exit__(self, *a):
        f()
k = K()
k.m(x=1)
b = k.m
b()
(lambda: f())()
[f() for _ in range(1)]
for _ in g():
    pass
for _ in h():
    pass
def cierre():
    x = 1
    def dentro():
        return f(x)
    return dentro
cierre()()
with k:
    f()
try:
    f()
    raise ValueError
except ValueError:
    f()
finally:
    f()
micropython.schedule(lambda _: f(), 0)
micropython.schedule(k.m, 0)
for _ in range(3):
    pass
while False:
    pass
`

const FRAME = /wasm-function\[(\d+)\]/

/**
 * The wasm function indices on the current JS stack. V8 gives a wasm frame's index as its
 * call site's "function" (cheap); otherwise it is read from the frame's text, whose first
 * formatting costs ~85 ms. -1: a wasm frame whose index is unknown (never safe).
 */
function wasmFrames(): number[] {
  const [limit, prepare] = [Error.stackTraceLimit, Error.prepareStackTrace]
  Error.stackTraceLimit = Infinity
  Error.prepareStackTrace = (_e, sites): NodeJS.CallSite[] => sites
  const holder: { stack?: NodeJS.CallSite[] } = {}
  Error.captureStackTrace(holder)
  const sites = holder.stack ?? []
  ;[Error.stackTraceLimit, Error.prepareStackTrace] = [limit, prepare]
  const out: number[] = []
  for (const site of sites) {
    if (!site.getScriptNameOrSourceURL()?.startsWith('wasm://')) continue
    const f: unknown = site.getFunction()
    const m = typeof f === 'number' ? undefined : FRAME.exec(String(site))
    out.push(typeof f === 'number' ? f : m ? Number(m[1]) : -1)
  }
  return out
}

/**
 * Runs the probe (as the program runs: from execfile, and again from an import) and returns
 * the test for "a collection is safe here"; undefined if the stack shows no wasm frames at all
 * (an engine that hides them: then no collection is ever known to be safe).
 */
export function learnSafeFrames(mp: MicroPython): (() => boolean) | undefined {
  const safe = new Set<number>()
  mp.registerJsModule('_marcos', {
    aqui: (): void => {
      for (const i of wasmFrames()) safe.add(i)
    }
  })
  mp.FS.writeFile('/tmp/_marcos_main.py', `${PROBE}import _marcos_mod\n`)
  mp.FS.writeFile('/tmp/_marcos_mod.py', PROBE)
  mp.runPython(
    [
      'import sys',
      "sys.path.insert(0, '/tmp')",
      "execfile('/tmp/_marcos_main.py')",
      "sys.path.remove('/tmp')",
      "del sys.modules['_marcos_mod']"
    ].join('\n')
  )
  mp.FS.unlink('/tmp/_marcos_main.py')
  mp.FS.unlink('/tmp/_marcos_mod.py')
  if (!safe.size) return undefined
  return () => wasmFrames().every((i) => safe.has(i))
}
