/** A tiny typed emitter: listeners per event name, each `on` returns its unsubscribe. */
export class Emitter<E extends { [K in keyof E]: unknown }> {
  private listeners = new Map<keyof E, Set<(payload: never) => void>>()

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof E>(name: K, listener: (payload: E[K]) => void): () => void {
    let set = this.listeners.get(name)
    if (!set) this.listeners.set(name, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  /** Calls every listener of `name`; one that throws does not stop the others. */
  emit<K extends keyof E>(name: K, payload: E[K]): void {
    const set = this.listeners.get(name)
    if (!set) return
    for (const listener of set) {
      try {
        ;(listener as (p: E[K]) => void)(payload)
      } catch (err) {
        console.error(`listener for ${String(name)} failed:`, err)
      }
    }
  }
}
