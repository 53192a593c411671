/** The Electron binary, or the reason there is none (see electron-runtime.cjs). */
export declare function electronRuntime():
  { path: string; why?: undefined } | { path?: undefined; why: string }
