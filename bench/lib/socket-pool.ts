import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'

export interface SocketTarget {
  port: number
  origin: string
  cookie: string
}

interface Waiting {
  needles: Buffer[]
  seen: Uint8Array // per socket: already counted in this round
  times: number[]
  expected: number
  done: () => void
}

/**
 * N sockets opened exactly as a page's htmx ws extension opens them (session cookie, our Origin,
 * the signed stream token in the query), with a cheap per-message check so that the client's
 * own work adds as little as possible to the latency it measures.
 */
export class SocketPool {
  private sockets: WebSocket[] = []
  private waiting: Waiting | null = null
  unexpectedCloses = 0

  get size() {
    return this.sockets.length
  }

  /** Opens `count` sockets, target i % targets.length for socket i; resolves when all are subscribed. */
  async open(targets: SocketTarget[], count: number, streamToken: string, concurrency = 50) {
    let next = 0
    const worker = async () => {
      while (next < count) {
        const i = next++
        this.sockets[i] = await this.openOne(targets[i % targets.length], streamToken, i)
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  }

  private openOne(t: SocketTarget, streamToken: string, index: number): Promise<WebSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${t.port}/ws?s=${encodeURIComponent(streamToken)}`, {
      headers: { cookie: t.cookie, origin: t.origin },
    })
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate()
        reject(new Error(`socket ${index}: no subscription ack within 15 s`))
      }, 15_000)
      ws.once('unexpected-response', (_req, res) => {
        clearTimeout(timer)
        reject(new Error(`socket ${index}: upgrade refused with ${res.statusCode}`))
      })
      ws.once('error', (err) => {
        clearTimeout(timer)
        reject(err)
      })
      ws.on('message', (data: Buffer) => {
        // The hub acknowledges the subscription first: only then does the socket count as open.
        if (data.includes('id="live-ack"')) {
          clearTimeout(timer)
          if (!data.includes('data-subscribed="projects"'))
            return reject(new Error(`socket ${index}: subscription refused: ${data}`))
          return resolve(ws)
        }
        this.onMessage(index, data)
      })
      ws.once('close', (code) => {
        if (code !== 1000 && code !== 1005) this.unexpectedCloses++
      })
    })
  }

  private onMessage(index: number, data: Buffer) {
    const w = this.waiting
    if (!w || w.seen[index]) return
    for (const n of w.needles) if (!data.includes(n)) return
    w.seen[index] = 1
    w.times.push(performance.now())
    if (w.times.length === w.expected) w.done()
  }

  /**
   * Arms the pool for one round: resolves with the arrival times of the first message on each
   * socket that contains every needle, once all sockets have one or when the timeout passes.
   */
  expect(needles: string[], timeoutMs: number): { arrived: Promise<number[]> } {
    const times: number[] = []
    const arrived = new Promise<number[]>((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        this.waiting = null
        resolve(times)
      }
      const timer = setTimeout(finish, timeoutMs)
      this.waiting = {
        needles: needles.map((n) => Buffer.from(n)),
        seen: new Uint8Array(this.sockets.length),
        times,
        expected: this.sockets.length,
        done: finish,
      }
    })
    return { arrived }
  }

  async closeAll() {
    const sockets = this.sockets
    this.sockets = []
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve()
            const timer = setTimeout(() => (ws.terminate(), resolve()), 5_000)
            ws.once('close', () => (clearTimeout(timer), resolve()))
            ws.close(1000)
          }),
      ),
    )
  }
}
