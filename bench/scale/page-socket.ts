// A page's WebSocket, opened exactly as the htmx ws extension opens it: the page is fetched,
// its ws-connect attribute (the signed stream tokens of that page) is the URL, with the session
// cookie and our Origin. Counts every pushed message after the subscription's ack.
import WebSocket from 'ws'
import type { ServerProcess } from '../lib/server-process.ts'

export interface PageSocket {
  ws: WebSocket
  messages: number
  refused: string // streams the hub refused (must be empty)
  unexpectedClose: boolean
  close(): void
}

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"')

export async function wsUrlOf(server: ServerProcess, cookie: string, path: string) {
  const res = await fetch(server.origin + path, { headers: { cookie }, redirect: 'manual' })
  const html = await res.text()
  const m = /ws-connect="([^"]+)"/.exec(html)
  if (res.status !== 200 || !m)
    throw new Error(`GET ${path} answered ${res.status} without a live socket`)
  return `ws://127.0.0.1:${server.port}${unescape(m[1])}`
}

export function openPageSocket(
  server: ServerProcess,
  cookie: string,
  url: string,
  timeoutMs = 20_000,
): Promise<PageSocket> {
  const ws = new WebSocket(url, { headers: { cookie, origin: server.origin } })
  const s: PageSocket = {
    ws,
    messages: 0,
    refused: '',
    unexpectedClose: false,
    close: () => ws.close(1000),
  }
  return new Promise((resolve, reject) => {
    let acked = false
    const timer = setTimeout(() => {
      ws.terminate()
      reject(new Error(`no subscription ack within ${timeoutMs} ms from ${url}`))
    }, timeoutMs)
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer)
      reject(new Error(`upgrade refused with ${res.statusCode}`))
    })
    ws.once('error', (err) => {
      clearTimeout(timer)
      if (!acked) reject(err)
    })
    ws.on('message', (data: Buffer) => {
      if (!acked && data.includes('id="live-ack"')) {
        acked = true
        clearTimeout(timer)
        s.refused = /data-refused="([^"]*)"/.exec(data.toString())?.[1] ?? ''
        return resolve(s)
      }
      if (acked) s.messages++
    })
    ws.once('close', (code) => {
      if (code !== 1000 && code !== 1005) s.unexpectedClose = true
    })
  })
}
