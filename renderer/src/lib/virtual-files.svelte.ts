import type { Problem, VirtualFile, VirtualState } from '../../../electron/contract'
import { api } from './api'

const DRAFTS_KEY = 'puente.virtual.drafts'

/** Drafts kept in the browser's storage, so a reload or a closed window loses no edit. */
function storedDrafts(dir: string): Record<string, string> {
  try {
    const all = JSON.parse(localStorage.getItem(DRAFTS_KEY) ?? '{}') as Record<string, unknown>
    const mine = all[dir]
    return mine && typeof mine === 'object' ? (mine as Record<string, string>) : {}
  } catch {
    return {}
  }
}

function storeDrafts(dir: string, drafts: Record<string, string>): void {
  try {
    const all = JSON.parse(localStorage.getItem(DRAFTS_KEY) ?? '{}') as Record<string, unknown>
    if (Object.keys(drafts).length) all[dir] = drafts
    else delete all[dir]
    localStorage.setItem(DRAFTS_KEY, JSON.stringify(all))
  } catch {
    // storage full or denied: the drafts stay in this window's memory
  }
}

const without = (o: Record<string, string>, key: string): Record<string, string> => {
  const copy = { ...o }
  delete copy[key]
  return copy
}

/** The virtual board's folder as the editor sees it: the files, the open one and unsaved drafts. */
class FilesModel {
  files = $state.raw<VirtualFile[]>([])
  /** The file in the editor. */
  openPath = $state<string | undefined>()
  /** Each loaded file's text as it is in the folder. */
  saved = $state.raw<Record<string, string>>({})
  /** Edited text not yet saved, by path (never dropped without the teacher's word). */
  drafts = $state.raw<Record<string, string>>({})
  problem = $state.raw<Problem | undefined>()
  /** A line the editor should show (a traceback's), with a counter so the same line can repeat. */
  reveal = $state.raw<{ path: string; line: number; seq: number } | undefined>()
  private dir: string | undefined
  private modified: Record<string, string> = {}

  /** The open file's text as shown (its draft when it has one). */
  get text(): string {
    const p = this.openPath
    return p === undefined ? '' : (this.drafts[p] ?? this.saved[p] ?? '')
  }

  /** True while `path` has changes not written to the folder. */
  dirty(path: string | undefined): boolean {
    return path !== undefined && path in this.drafts
  }

  /** Follows the board's state: its folder and listing (a file changed elsewhere is reloaded). */
  follow(s: VirtualState): void {
    if (s.dir !== this.dir) {
      this.dir = s.dir
      this.drafts = storedDrafts(s.dir)
      this.saved = {}
      this.modified = {}
      this.openPath = undefined
    }
    this.setFiles(s.files)
    const open = this.openPath
    if (open === undefined) {
      const first = s.files.find((f) => f.path === 'main.py') ?? s.files[0]
      if (first) void this.open(first.path)
      else if (s.mode === 'folder') this.openPath = 'main.py'
    }
  }

  private setFiles(files: VirtualFile[]): void {
    // every state push carries the listing (the LED alone changes ~20 times a second)
    const same =
      files.length === this.files.length &&
      files.every((f) => {
        const g = this.files.find((x) => x.path === f.path)
        return g && g.modified === f.modified && g.bytes === f.bytes
      })
    if (same) return
    this.files = [...files].sort((a, b) => a.path.localeCompare(b.path))
    const open = this.openPath
    const f = open === undefined ? undefined : files.find((x) => x.path === open)
    if (open && f && open in this.saved && this.modified[open] !== f.modified && !this.dirty(open))
      void this.load(open)
  }

  private async load(path: string): Promise<boolean> {
    const r = await api.invoke('virtual:read-file', { path })
    if (!r.ok) {
      this.problem = r.error
      return false
    }
    this.saved = { ...this.saved, [path]: r.value.text }
    const f = this.files.find((x) => x.path === path)
    if (f) this.modified[path] = f.modified
    return true
  }

  /** Opens a file in the editor; the draft of the one left stays (marked unsaved). */
  async open(path: string): Promise<void> {
    this.problem = undefined
    const exists = this.files.some((f) => f.path === path)
    if (exists && !(path in this.saved) && !(await this.load(path))) return
    this.openPath = path
  }

  /** Opens `path` at `line` (where a traceback points). */
  async show(path: string, line: number): Promise<void> {
    await this.open(path)
    if (this.openPath === path) this.reveal = { path, line, seq: (this.reveal?.seq ?? 0) + 1 }
  }

  /** Takes the editor's text for the open file. */
  edit(text: string): void {
    const p = this.openPath
    if (p === undefined) return
    const same = text === (this.saved[p] ?? '') && (p in this.saved || text === '')
    this.setDrafts(same ? without(this.drafts, p) : { ...this.drafts, [p]: text })
  }

  private setDrafts(d: Record<string, string>): void {
    this.drafts = d
    if (this.dir !== undefined) storeDrafts(this.dir, d)
  }

  /** Writes a file (the open one by default) to the folder. */
  async save(path = this.openPath): Promise<boolean> {
    if (path === undefined) return false
    const text = this.drafts[path] ?? this.saved[path] ?? ''
    const ok = await this.write(path, text)
    if (ok && this.drafts[path] === text) this.setDrafts(without(this.drafts, path))
    return ok
  }

  /** Saves every draft (before a run: what runs is what the editor shows). */
  async saveAll(): Promise<boolean> {
    for (const p of Object.keys(this.drafts)) if (!(await this.save(p))) return false
    return true
  }

  private async write(path: string, text: string): Promise<boolean> {
    const r = await api.invoke('virtual:write-file', { path, text })
    this.problem = r.ok ? undefined : r.error
    if (!r.ok) return false
    this.saved = { ...this.saved, [path]: text }
    this.setFiles(r.value)
    const f = r.value.find((x) => x.path === path)
    if (f) this.modified[path] = f.modified
    return true
  }

  /** True when the folder has `path`. */
  has(path: string): boolean {
    return this.files.some((f) => f.path === path)
  }

  /** Creates a file (empty, or an imported one's text) and opens it. */
  async create(path: string, text = ''): Promise<boolean> {
    if (!(await this.write(path, text))) return false
    this.setDrafts(without(this.drafts, path))
    this.openPath = path
    return true
  }

  /** Renames or moves a file (into lib/, say); its draft and the editor follow it. */
  async rename(from: string, to: string): Promise<boolean> {
    const r = await api.invoke('virtual:rename-file', { from, to })
    this.problem = r.ok ? undefined : r.error
    if (!r.ok) return false
    if (from in this.saved) this.saved = { ...without(this.saved, from), [to]: this.saved[from] }
    if (from in this.drafts)
      this.setDrafts({ ...without(this.drafts, from), [to]: this.drafts[from] })
    if (this.openPath === from) this.openPath = to
    this.setFiles(r.value)
    return true
  }

  /** Deletes a file (after the teacher confirmed), its draft with it. */
  async remove(path: string): Promise<boolean> {
    const r = await api.invoke('virtual:delete-file', { path })
    this.problem = r.ok ? undefined : r.error
    if (!r.ok) return false
    this.saved = without(this.saved, path)
    this.setDrafts(without(this.drafts, path))
    this.setFiles(r.value)
    if (this.openPath === path) {
      this.openPath = undefined
      const next = r.value.find((f) => f.path === 'main.py') ?? r.value[0]
      if (next) await this.open(next.path)
    }
    return true
  }

  /** The folder as a zip file, downloaded by the browser. */
  async exportZip(): Promise<void> {
    const r = await api.invoke('virtual:export')
    this.problem = r.ok ? undefined : r.error
    if (!r.ok) return
    const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0))
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }))
    const a = document.createElement('a')
    a.href = url
    a.download = r.value.filename
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}

export const files = new FilesModel()
