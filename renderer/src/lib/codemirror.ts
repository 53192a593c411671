/**
 * The code editor, CodeMirror 6 with Python: its own chunk, loaded when the editor first shows.
 * It lives in a shadow root so that its generated styles go into a constructed stylesheet
 * (a <style> element would break the window's CSP, style-src 'self').
 */
import { indentWithTab } from '@codemirror/commands'
import { HighlightStyle, indentUnit, syntaxHighlighting } from '@codemirror/language'
import { python } from '@codemirror/lang-python'
import { EditorState, Prec, type Extension } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { tags } from '@lezer/highlight'
import { basicSetup } from 'codemirror'
import { normalizePastedCode } from './paste'

export interface EditorOptions {
  text: string
  label: string
  onChange: (text: string) => void
  onSave: () => void
}

export interface EditorHandle {
  /** Shows another file (a fresh undo history). */
  load: (text: string, label: string) => void
  /** Replaces the text of the same file (it changed in the folder), keeping the cursor near. */
  replace: (text: string) => void
  text: () => string
  /** Puts the cursor at the start of line `n` (1-based), in view, and focuses the editor. */
  goto: (n: number) => void
  focus: () => void
  destroy: () => void
}

// colours from custom properties set on the host (they inherit into the shadow root)
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword], color: 'var(--cm-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--cm-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--cm-number)' },
  { tag: tags.comment, color: 'var(--cm-comment)', fontStyle: 'italic' },
  {
    tag: [tags.function(tags.variableName), tags.function(tags.propertyName)],
    color: 'var(--cm-function)'
  },
  { tag: [tags.definition(tags.variableName), tags.className], color: 'var(--cm-definition)' },
  { tag: [tags.operator, tags.punctuation], color: 'var(--cm-operator)' }
])

const theme = (dark: boolean): Extension =>
  EditorView.theme(
    {
      '&': { color: 'var(--fg)', backgroundColor: 'var(--bg)', height: '100%', fontSize: '13px' },
      '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
      '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.45' },
      '.cm-content': { caretColor: 'var(--fg)' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
      '.cm-gutters': { backgroundColor: 'var(--bg-2)', color: 'var(--fg-2)', border: 'none' },
      '.cm-activeLine': { backgroundColor: 'var(--cm-active)' },
      '.cm-activeLineGutter': { backgroundColor: 'var(--bg-3)', color: 'var(--fg)' },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground':
        { backgroundColor: 'var(--cm-selection)' },
      '.cm-panels': { backgroundColor: 'var(--bg-2)', color: 'var(--fg)' },
      '.cm-tooltip': {
        backgroundColor: 'var(--bg)',
        color: 'var(--fg)',
        borderColor: 'var(--border)'
      },
      '.cm-textfield, .cm-button': { fontSize: '12px' }
    },
    { dark }
  )

/** The window's scheme now (the setting, else the OS's): CodeMirror's own panels follow it. */
function isDark(): boolean {
  const forced = document.documentElement.getAttribute('data-theme')
  return forced ? forced === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches
}

function extensions(o: EditorOptions, label: string): Extension[] {
  return [
    basicSetup,
    python(),
    indentUnit.of('    '),
    EditorState.tabSize.of(4),
    syntaxHighlighting(highlight),
    theme(isDark()),
    Prec.high(
      keymap.of([
        { key: 'Mod-s', preventDefault: true, run: () => (o.onSave(), true) },
        indentWithTab
      ])
    ),
    EditorView.clipboardInputFilter.of((text) => normalizePastedCode(text)),
    // tabindex: the scroller's content counts as focusable for keyboard users and axe alike
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) o.onChange(u.state.doc.toString())
    })
  ]
}

/** Mounts the editor in `host` (inside a shadow root of its own). */
export function createEditor(host: HTMLElement, o: EditorOptions): EditorHandle {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' })
  const parent = document.createElement('div')
  parent.style.height = '100%'
  root.replaceChildren(parent)
  const view = new EditorView({
    root,
    parent,
    state: EditorState.create({ doc: o.text, extensions: extensions(o, o.label) })
  })
  return {
    load: (text, label) =>
      view.setState(EditorState.create({ doc: text, extensions: extensions(o, label) })),
    replace: (text) => {
      const head = Math.min(view.state.selection.main.head, text.length)
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: { anchor: head }
      })
    },
    text: () => view.state.doc.toString(),
    goto: (n) => {
      const line = view.state.doc.line(Math.max(1, Math.min(n, view.state.doc.lines)))
      view.dispatch({ selection: { anchor: line.from, head: line.to }, scrollIntoView: true })
      view.focus()
    },
    focus: () => view.focus(),
    destroy: () => view.destroy()
  }
}
