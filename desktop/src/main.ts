// The desktop shell: one window on the organisation's server, a first-run page to pick it.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, type IpcMainInvokeEvent } from 'electron'
import { join } from 'node:path'
import { CHECK_MESSAGES, checkServer, classifyFetchError } from './check-server.js'
import { installGuards } from './guards.js'
import { buildMenu } from './menu.js'
import { isSameOrigin, normalizeServerUrl, readSettings, writeSettings } from './settings.js'
import { createMainWindow, createSetupWindow } from './windows.js'

let server: string | null = null
let verified: string | null = null // the last address that passed the check on the setup page
let mainWindow: BrowserWindow | null = null
let setupWindow: BrowserWindow | null = null
let failureShown = false

const settingsFile = () => join(app.getPath('userData'), 'settings.json')

function openServer(url: string): void {
  if (!mainWindow) {
    const win = createMainWindow()
    win.on('closed', () => (mainWindow = null))
    win.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      // -3 is a navigation aborted by a newer one; -200…-299 are certificate errors,
      // which the certificate dialog already explains
      if (isMainFrame && code !== -3 && !(code <= -200 && code > -300)) void loadFailed(description)
    })
    mainWindow = win
  }
  mainWindow.loadURL(url).catch(() => {}) // a failure arrives as did-fail-load
}

function openSetup(): void {
  if (setupWindow) return setupWindow.focus()
  const win = createSetupWindow(mainWindow, server)
  win.on('closed', () => (setupWindow = null))
  setupWindow = win
}

async function loadFailed(description: string): Promise<void> {
  if (failureShown || !mainWindow) return
  failureShown = true
  const { response } = await dialog.showMessageBox(mainWindow, {
    type: 'error',
    title: 'Строд-Сервис',
    message: 'Не удалось открыть сервер',
    detail: `${CHECK_MESSAGES[classifyFetchError(description)]}\n\nАдрес: ${server}\nКод: ${description}`,
    buttons: ['Повторить', 'Сменить адрес сервера…', 'Закрыть'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  })
  failureShown = false
  if (response === 0 && server) openServer(server)
  if (response === 1) openSetup()
}

function reload(ignoreCache: boolean): void {
  const focused = BrowserWindow.getFocusedWindow()
  const win = focused && focused !== setupWindow ? focused : mainWindow
  if (!win || !server) return
  if (!isSameOrigin(win.webContents.getURL(), server)) return openServer(server)
  if (ignoreCache) win.webContents.reloadIgnoringCache()
  else win.webContents.reload()
}

function about(): void {
  void dialog.showMessageBox({
    type: 'info',
    title: 'О программе',
    message: `Строд-Сервис ${app.getVersion()}`,
    detail:
      `Сервер: ${server ?? 'не задан'}\nНастройки: ${settingsFile()}\n` +
      `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}`,
  })
}

/** Only the local first-run page may check or save an address, never a server page. */
function fromSetupPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? ''
  return !!setupWindow && event.sender === setupWindow.webContents && url.startsWith('file:')
}

function handleIpc(): void {
  ipcMain.handle('server:check', async (event, input: unknown) => {
    if (!fromSetupPage(event)) throw new Error('forbidden')
    const result = await checkServer(String(input ?? ''), (url, init) => net.fetch(url, init))
    verified = result.ok ? result.server : null
    return result
  })
  ipcMain.handle('server:save', async (event, input: unknown) => {
    if (!fromSetupPage(event)) throw new Error('forbidden')
    const normalized = normalizeServerUrl(String(input ?? ''))
    if (!normalized.ok) return normalized
    if (normalized.url !== verified)
      return { ok: false, message: 'Сначала проверьте адрес: нажмите «Подключиться».' }
    try {
      await writeSettings(settingsFile(), { server: normalized.url })
    } catch (error) {
      return { ok: false, message: `Не удалось сохранить настройки: ${(error as Error).message}` }
    }
    server = normalized.url
    openServer(server) // before closing the setup window, or the app would quit with it
    setupWindow?.close()
    return { ok: true, server }
  })
}

async function start(): Promise<void> {
  installGuards({
    server: () => server,
    isSetupPage: (contents) => !!setupWindow && contents === setupWindow.webContents,
    changeServer: openSetup,
  })
  Menu.setApplicationMenu(buildMenu({ changeServer: openSetup, reload, about }, !app.isPackaged))
  handleIpc()
  server = (await readSettings(settingsFile())).server
  if (server) openServer(server)
  else openSetup()
}

app.enableSandbox()
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.setAppUserModelId('ru.strod.workspace')
  app.on('second-instance', () => {
    const win = setupWindow ?? mainWindow
    if (win?.isMinimized()) win.restore()
    win?.focus()
  })
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(start)
}
