// The Electron shell is written in part 1's shell step; this placeholder keeps the build whole.
import { app } from 'electron'

void app.whenReady().then(() => undefined)
