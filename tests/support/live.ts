import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import WebSocket from 'ws'
import { attachWebSocket } from '../../src/live/upgrade.ts'
import type { Dialect } from '../../src/db/connect.ts'
import { testApp, type TestApp } from './app.ts'

export interface LiveTestApp extends TestApp {
  port: number
  origin: string
  /** Opens a socket as the page would (session cookie, our Origin) watching these streams. */
  socket(
    cookie: string,
    streams: string[],
    opts?: { origin?: string; raw?: string[] },
  ): Promise<TestSocket>
}

export interface TestSocket {
  ws: WebSocket
  messages: string[]
  /** Resolves with the first message (seen so far or arriving) that matches. */
  next(match: (m: string) => boolean, timeoutMs?: number): Promise<string>
  close(): Promise<void>
}

export async function liveTestApp(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<LiveTestApp> {
  const t = await testApp(dialect, env)
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as unknown as Server
  await new Promise<void>((r) => server.once('listening', () => r()))
  attachWebSocket(server, t.live, { db: t.db.db, config: { SESSION_DAYS: 30 } as never })
  const port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    ...t,
    port,
    origin,
    socket: (cookie, streams, opts = {}) =>
      openSocket(
        port,
        cookie,
        opts.raw ?? streams.map((s) => t.live.sign(s)),
        opts.origin ?? origin,
      ),
    async close() {
      await new Promise<void>((r) => server.close(() => r()))
      await t.close()
    },
  }
}

export function openSocket(
  port: number,
  cookie: string,
  tokens: string[],
  origin: string,
): Promise<TestSocket> {
  const q = tokens.map((s) => `s=${encodeURIComponent(s)}`).join('&')
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?${q}`, { headers: { cookie, origin } })
  const messages: string[] = []
  const waiters: { match: (m: string) => boolean; resolve: (m: string) => void }[] = []
  ws.on('message', (d) => {
    const m = d.toString()
    messages.push(m)
    for (const w of [...waiters])
      if (w.match(m)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(m)
      }
  })
  const socket: TestSocket = {
    ws,
    messages,
    next(match, timeoutMs = 5000) {
      const seen = messages.find(match)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching message; got:\n${messages.join('\n')}`)),
          timeoutMs,
        )
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) })
      })
    },
    close: () =>
      new Promise((r) => {
        if (ws.readyState === ws.CLOSED) return r()
        ws.once('close', () => r())
        ws.close()
      }),
  }
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket))
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    )
    ws.once('error', reject)
  })
}

// The ack the hub sends after subscribing: which streams were accepted and refused.
export function ackOf(m: string) {
  const sub = /data-subscribed="([^"]*)"/.exec(m)?.[1] ?? ''
  const ref = /data-refused="([^"]*)"/.exec(m)?.[1] ?? ''
  return { subscribed: sub.split(' ').filter(Boolean), refused: ref.split(' ').filter(Boolean) }
}
export const isAck = (m: string) => m.includes('id="live-ack"')
