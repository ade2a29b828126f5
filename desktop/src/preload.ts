// Loaded only into the first-run window (a local page), never into the server's pages.
// Sandboxed preloads may require 'electron' and nothing of ours, hence the literal channels.
import { contextBridge, ipcRenderer } from 'electron'

contextBridge.exposeInMainWorld('strod', {
  checkServer: (url: string) => ipcRenderer.invoke('server:check', String(url)),
  saveServer: (url: string) => ipcRenderer.invoke('server:save', String(url)),
})
