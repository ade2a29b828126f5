import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { loadCurrentUser } from '../auth/load-user.ts'
import { SESSION_COOKIE } from '../auth/session-cookie.ts'
import { validateSessionToken } from '../auth/sessions.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/connect.ts'
import { MAX_MESSAGE_BYTES, type Hub } from './hub.ts'

function reject(socket: Duplex, status: number, text: string) {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  socket.destroy()
}

function cookie(req: IncomingMessage, name: string) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return null
}

// Same rule as the CSRF check: the page that opens the socket must be ours.
function sameOrigin(req: IncomingMessage) {
  const origin = req.headers.origin
  const host = (req.headers['x-forwarded-host'] as string | undefined) ?? req.headers.host
  if (!origin || !host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

// The WebSocket shares the HTTP port: /ws, with the session cookie and our Origin, or nothing.
export function attachWebSocket(server: Server, hub: Hub, deps: { db: Db; config: Config }) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      if (url.pathname !== '/ws') return reject(socket, 404, 'Not Found')
      if (!sameOrigin(req)) return reject(socket, 403, 'Forbidden')
      const token = cookie(req, SESSION_COOKIE)
      const valid = token
        ? await validateSessionToken(deps.db, token, deps.config.SESSION_DAYS)
        : null
      const user = valid ? await loadCurrentUser(deps.db, valid.session.user_id) : null
      if (!valid || !user) return reject(socket, 401, 'Unauthorized')
      wss.handleUpgrade(req, socket, head, (ws) => {
        void hub.connect(ws, user, valid.session.id, url.searchParams.getAll('s'))
      })
    })().catch(() => reject(socket, 500, 'Internal Server Error'))
  })
  return wss
}
