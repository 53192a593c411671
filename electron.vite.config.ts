import { resolve } from 'node:path'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'electron-vite'

// Our top level is electron/ + renderer/ (the product card), so every entry is named here.
export default defineConfig({
  main: {
    build: {
      lib: {
        entry: {
          index: resolve('electron/main/index.ts'),
          serve: resolve('electron/host/serve.ts'),
          // the virtual board's interpreter thread, loaded by path beside the bundles
          'virtual-worker': resolve('electron/core/board/virtual/worker.ts')
        }
      }
    }
  },
  preload: {
    build: { lib: { entry: { index: resolve('electron/preload/index.ts') } } }
  },
  renderer: {
    root: 'renderer',
    plugins: [svelte({ configFile: resolve('svelte.config.mjs') })],
    build: { minify: 'oxc', rolldownOptions: { input: resolve('renderer/index.html') } }
  }
})
