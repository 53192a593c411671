import tseslint from '@electron-toolkit/eslint-config-ts'
import svelte from 'eslint-plugin-svelte'

export default tseslint.config(
  {
    ignores: ['node_modules', 'out', 'dist', 'test-results', 'resources/firmware', 'test/sim/lib']
  },
  tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] }
    }
  },
  {
    // a `let` read by callbacks before its one assignment (the popover in main) stays a let;
    // Svelte props with one $bindable among them are destructured with `let` as a whole
    rules: {
      'prefer-const': ['error', { ignoreReadBeforeAssign: true, destructuring: 'all' }]
    }
  },
  {
    // plain JavaScript scripts: no type annotations to require
    files: ['**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/explicit-function-return-type': 'off' }
  },
  {
    // CommonJS scripts load their modules with require()
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // the core runs in plain Node: the Electron runtime must never be imported there
    files: ['electron/core/**/*.ts', 'electron/contract/**/*.ts', 'electron/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] }
  },
  {
    // pure modules shared by the core and the renderer: no Electron, no Node
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['node:*'] }]
    }
  }
)
