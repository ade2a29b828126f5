import { app, BrowserWindow, type WebPreferences } from 'electron'
import { join } from 'node:path'

/** Every window: isolated, sandboxed, no Node; devtools only when run unpackaged. */
export function secureWebPreferences(preload?: string): WebPreferences {
  return {
    contextIsolation: true,
    nodeIntegration: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    devTools: !app.isPackaged,
    // the built-in PDF viewer (acts and reports open inline); it is not a third-party plugin
    plugins: true,
    ...(preload ? { preload } : {}),
  }
}

/** The server's pages. No preload: the remote site gets no bridge into the app. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    title: 'Строд-Сервис',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(),
  })
  win.maximize()
  return win
}

/** The local first-run page; as a modal over the main window when the address is changed. */
export function createSetupWindow(parent: BrowserWindow | null, current: string | null) {
  const win = new BrowserWindow({
    width: 560,
    height: 560,
    resizable: false,
    maximizable: false,
    minimizable: !parent,
    ...(parent ? { parent, modal: true } : {}),
    title: 'Строд-Сервис — адрес сервера',
    backgroundColor: '#f8fafc',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.js')),
  })
  win.setMenu(null)
  void win.loadFile(join(__dirname, '..', 'pages', 'first-run.html'), {
    query: current ? { current } : {},
  })
  return win
}
