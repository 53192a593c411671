import { resolve } from 'node:path'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CSP_META } from './electron/shared/csp'

/** Writes the one CSP into the page's meta tag, so the page and the headers cannot drift. */
function cspMeta(): Plugin {
  return {
    name: 'puente-csp-meta',
    transformIndexHtml: (html) => {
      if (!html.includes('%PUENTE_CSP%')) throw new Error('renderer/index.html lost %PUENTE_CSP%')
      return html.replace('%PUENTE_CSP%', CSP_META)
    }
  }
}

// Our top level is electron/ + renderer/ (the product card), so every entry is named here.
export default defineConfig({
  main: {
    build: {
      lib: {
        entry: {
          index: resolve('electron/main/index.ts'),
          serve: resolve('electron/host/serve.ts'),
          history: resolve('electron/host/history.ts'),
          // the virtual board's interpreter thread, loaded by path beside the bundles
          'virtual-worker': resolve('electron/core/board/virtual/worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      lib: { entry: { index: resolve('electron/preload/index.ts') } },
      // a sandboxed preload can require only 'electron': the contract's valibot goes in the bundle
      externalizeDeps: false
    }
  },
  renderer: {
    root: 'renderer',
    plugins: [svelte({ configFile: resolve('svelte.config.mjs') }), cspMeta()],
    build: { minify: 'oxc', rolldownOptions: { input: resolve('renderer/index.html') } }
  }
})
