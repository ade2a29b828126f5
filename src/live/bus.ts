import { EventEmitter } from 'node:events'
import pg from 'pg'
import type { Logger } from 'pino'
import type { ReferenceTable } from '../reference/cache.ts'

// What crosses between server processes. Fragments are never sent over the bus: each process
// renders for its own sockets.
export type BusMessage =
  | { t: 'event'; stream: string; kind: string; id: number | string }
  | { t: 'access'; userIds: number[] } // project access of these users changed
  | { t: 'sessions'; userId: number } // sessions, role or active flag of this user changed
  | { t: 'permissions' } // a role's permissions changed
  | { t: 'reference'; tables: ReferenceTable[] } // reference lists changed (src/reference/cache.ts)

export interface Bus {
  publish(m: BusMessage): Promise<void>
  onMessage(handler: (m: BusMessage) => void): void
  close(): Promise<void>
}

// SQLite runs as one process: an in-process bus is all it needs.
export class MemoryBus implements Bus {
  private emitter = new EventEmitter()
  async publish(m: BusMessage) {
    // Delivered on the next tick, like a real bus: never inside the publisher's call stack.
    setImmediate(() => this.emitter.emit('m', m))
  }
  onMessage(handler: (m: BusMessage) => void) {
    this.emitter.on('m', handler)
  }
  async close() {
    this.emitter.removeAllListeners()
  }
}

// PostgreSQL LISTEN/NOTIFY: every process sharing the database hears every message, its own too.
export class PgBus implements Bus {
  private handlers: ((m: BusMessage) => void)[] = []
  private client: pg.Client | null = null
  private closed = false
  private readonly channel: string

  constructor(
    private url: string,
    private notify: (channel: string, payload: string) => Promise<void>,
    private logger: Logger,
    schema = 'public',
  ) {
    this.channel = `strod_live_${schema}`.toLowerCase().replace(/[^a-z0-9_]/g, '_')
  }

  async start() {
    const client = new pg.Client({ connectionString: this.url })
    client.on('notification', (n) => {
      if (n.channel !== this.channel || !n.payload) return
      let m: BusMessage
      try {
        m = JSON.parse(n.payload)
      } catch {
        return
      }
      for (const h of this.handlers) h(m)
    })
    client.on('error', (err) => {
      this.logger.warn({ err }, 'live bus connection lost, reconnecting')
      this.client = null
      if (!this.closed) setTimeout(() => this.start().catch(() => {}), 1000)
    })
    await client.connect()
    await client.query(`LISTEN ${this.channel}`)
    this.client = client
  }

  async publish(m: BusMessage) {
    await this.notify(this.channel, JSON.stringify(m))
  }

  onMessage(handler: (m: BusMessage) => void) {
    this.handlers.push(handler)
  }

  async close() {
    this.closed = true
    await this.client?.end().catch(() => {})
  }
}
