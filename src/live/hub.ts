import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import type { CurrentUser } from '../auth/current-user.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import { invalidatePermissions, type PermissionSet } from '../auth/permissions.ts'
import { invalidateReference, type ReferenceTable } from '../reference/cache.ts'
import type { Db } from '../db/connect.ts'
import type { Bus, BusMessage } from './bus.ts'
import { oob, refreshNotice } from './oob.ts'
import { OfflineNotice, RESTART_TEXT } from '../../views/live/LiveStatus.tsx'
import { heartbeatLock, releaseLock, RELEASE_GRACE_MS } from './locks.ts'
import { splitStream, type LiveRegistry } from './registry.ts'
import type { StreamSigner } from './signing.ts'
import { liveSockets } from '../system/metrics.ts'

export const MAX_STREAMS_PER_SOCKET = 20
export const MAX_MESSAGE_BYTES = 4096
export const MAX_BUFFERED_BYTES = 1024 * 1024
export const SWEEP_MS = 25_000

export interface LiveEvent {
  stream: string
  kind: string
  id: number | string
}

interface Client {
  id: string
  ws: WebSocket
  sessionId: string
  user: CurrentUser
  streams: Set<string>
  locks: Set<string>
  present: boolean // has rows in live_presence (watches a record page)
  alive: boolean
}

export interface HubDeps {
  db: Db
  bus: Bus
  registry: LiveRegistry
  signer: StreamSigner
  logger: Logger
  releaseGraceMs?: number // tests shorten the wait before a closed editor's lock is freed
}

// One per process: its sockets, their streams, and the fan-out of changes heard on the bus.
export class Hub {
  readonly processId = randomUUID()
  private clients = new Set<Client>()
  private byStream = new Map<string, Set<Client>>()
  private timer: NodeJS.Timeout | null = null
  private pending = new Set<Promise<unknown>>()

  constructor(private deps: HubDeps) {
    deps.bus.onMessage((m) => this.track(this.onBus(m)))
    this.timer = setInterval(() => this.track(this.sweep()), SWEEP_MS)
    this.timer.unref()
  }

  // ---- what features call -------------------------------------------------------------------
  sign = (stream: string) => this.deps.signer.sign(stream)
  publish = (e: LiveEvent) => this.deps.bus.publish({ t: 'event', ...e, id: String(e.id) })
  accessChanged = (userIds: number[]) => this.deps.bus.publish({ t: 'access', userIds })
  sessionsChanged = (userId: number) => this.deps.bus.publish({ t: 'sessions', userId })
  permissionsChanged = () => this.deps.bus.publish({ t: 'permissions' })
  referenceChanged = (tables: ReferenceTable[]) => this.deps.bus.publish({ t: 'reference', tables })

  get socketCount() {
    return this.clients.size
  }

  // Resolves when every change heard so far has been sent (tests and shutdown use it).
  async idle() {
    while (this.pending.size) await Promise.allSettled([...this.pending])
  }

  private track(p: Promise<unknown>) {
    const q = p.catch((err) => this.deps.logger.error({ err }, 'live hub error'))
    this.pending.add(q)
    void q.finally(() => this.pending.delete(q))
  }

  // ---- sockets ------------------------------------------------------------------------------
  async connect(ws: WebSocket, user: CurrentUser, sessionId: string, tokens: string[]) {
    liveSockets.inc()
    const client: Client = {
      id: randomUUID(),
      ws,
      sessionId,
      user,
      streams: new Set(),
      locks: new Set(),
      present: false,
      alive: true,
    }
    this.clients.add(client)
    ws.on('pong', () => (client.alive = true))
    ws.on('message', (data, isBinary) =>
      this.track(this.onMessage(client, data as Buffer, isBinary)),
    )
    ws.on('close', () => this.track(this.disconnect(client)))
    ws.on('error', () => ws.terminate())
    await this.subscribe(client, tokens)
    return client.id
  }

  private async subscribe(client: Client, tokens: string[]) {
    const ok: string[] = []
    const refused: string[] = []
    for (const token of tokens) {
      const stream = this.deps.signer.verify(token)
      const found = stream ? this.deps.registry.access(stream) : null
      const allowed =
        !!stream &&
        !!found &&
        client.streams.size < MAX_STREAMS_PER_SOCKET &&
        (await found.access.authorize(this.deps.db, client.user, found.arg))
      if (!allowed || !stream) {
        refused.push(stream ?? 'invalid')
        continue
      }
      client.streams.add(stream)
      let set = this.byStream.get(stream)
      if (!set) this.byStream.set(stream, (set = new Set()))
      set.add(client)
      ok.push(stream)
      if (found!.access.presence) await this.enterPresence(client, stream)
    }
    this.send(client, ack(ok, refused))
  }

  private unsubscribe(client: Client, stream: string) {
    client.streams.delete(stream)
    const set = this.byStream.get(stream)
    set?.delete(client)
    if (set && !set.size) this.byStream.delete(stream)
  }

  private async disconnect(client: Client) {
    if (!this.clients.delete(client)) return
    liveSockets.dec()
    for (const s of [...client.streams]) this.unsubscribe(client, s)
    await this.leavePresence(client)
    // The editor's page closed: free the lock unless a new page heartbeats it again soon.
    for (const token of client.locks) {
      const closedAt = new Date().toISOString()
      const grace = this.deps.releaseGraceMs ?? RELEASE_GRACE_MS
      setTimeout(() => this.track(this.releaseIdle(token, closedAt)), grace).unref()
    }
  }

  private async releaseIdle(token: string, since: string) {
    const released = await releaseLock(this.deps.db, token, { idleSince: since })
    if (released) await this.publishLock(released.entity_type, released.entity_id)
  }

  publishLock = (type: string, id: string | number) =>
    this.publish({ stream: `${type}:${id}`, kind: `${type}.lock`, id })

  private async onMessage(client: Client, data: Buffer, isBinary: boolean) {
    if (isBinary || data.length > MAX_MESSAGE_BYTES) return client.ws.close(1009, 'message too big')
    let msg: { type?: unknown; lock?: unknown; streams?: unknown }
    try {
      msg = JSON.parse(data.toString('utf8'))
    } catch {
      return // malformed: ignored, the socket stays
    }
    if (msg.type === 'heartbeat' && typeof msg.lock === 'string' && msg.lock.length < 100) {
      const held = await heartbeatLock(this.deps.db, msg.lock, client.user.id)
      if (held) client.locks.add(msg.lock)
      else {
        // Lost (broken or expired): the lock fragment tells the editor.
        client.locks.delete(msg.lock)
        const [type, id] = lockOwnerFromStreams(client.streams)
        if (type) await this.sendFragmentTo(client, `${type}.lock`, id)
      }
      await this.touchPresence(client)
    } else if (msg.type === 'subscribe' && Array.isArray(msg.streams)) {
      await this.subscribe(
        client,
        msg.streams
          .filter((s): s is string => typeof s === 'string')
          .slice(0, MAX_STREAMS_PER_SOCKET),
      )
    }
  }

  private send(client: Client, html: string) {
    const ws = client.ws
    if (ws.readyState !== ws.OPEN) return
    // A socket that cannot keep up is dropped rather than allowed to grow without bound.
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate()
    ws.send(html)
  }

  // ---- fan-out ------------------------------------------------------------------------------
  private async onBus(m: BusMessage) {
    if (m.t === 'event') return this.fanOut(m.stream, m.kind, String(m.id))
    if (m.t === 'reference') return invalidateReference(m.tables)
    if (m.t === 'permissions') {
      invalidatePermissions()
      const clients = [...this.clients]
      const before = clients.map((c) => c.user.permissions)
      await this.refreshUsers(clients)
      // A page drawn under the old permissions reloads its live regions (data-resync): controls
      // its user may no longer use go, new ones appear.
      clients.forEach((c, i) => {
        if (!samePermissions(before[i], c.user.permissions))
          this.send(c, refreshNotice('[data-resync]'))
      })
      return
    }
    if (m.t === 'sessions')
      return this.refreshUsers([...this.clients].filter((c) => c.user.id === m.userId))
    if (m.t === 'access') {
      const ids = new Set(m.userIds)
      const clients = [...this.clients].filter((c) => ids.has(c.user.id))
      await this.reauthorize(clients)
      // Lists and cards of their open pages reload: a project given appears, one taken goes.
      for (const c of clients) this.send(c, refreshNotice('[data-resync]'))
      return
    }
  }

  private async fanOut(stream: string, kind: string, id: string) {
    const subs = this.byStream.get(stream)
    const fragment = this.deps.registry.fragments.get(kind)
    if (!subs?.size || !fragment) return
    const ctx = await fragment.load(this.deps.db, id)
    if (ctx == null) return
    const clients = [...subs]
    const users = uniqueUsers(clients)
    const allowed = await fragment.audience(this.deps.db, ctx, users)
    const byVariant = new Map<string, Client[]>()
    for (const c of clients) {
      if (!allowed.has(c.user.id)) continue
      const key = fragment.variant(c.user, ctx)
      const list = byVariant.get(key)
      if (list) list.push(c)
      else byVariant.set(key, [c])
    }
    for (const list of byVariant.values()) {
      const html = await fragment.render(list[0].user, ctx)
      for (const c of list) this.send(c, html)
    }
  }

  private async sendFragmentTo(client: Client, kind: string, id: string) {
    const fragment = this.deps.registry.fragments.get(kind)
    const ctx = fragment && (await fragment.load(this.deps.db, id))
    if (!fragment || ctx == null) return
    if ((await fragment.audience(this.deps.db, ctx, [client.user])).has(client.user.id))
      this.send(client, await fragment.render(client.user, ctx))
  }

  // Role, active flag or sessions changed: reload the user, close sockets of ended sessions.
  private async refreshUsers(clients: Client[]) {
    if (!clients.length) return
    const live = await this.liveSessions(clients)
    for (const c of clients) {
      const user = live.has(c.sessionId) ? await loadCurrentUser(this.deps.db, c.user.id) : null
      if (!user) {
        c.ws.close(4401, 'session ended')
        continue
      }
      c.user = user
    }
    await this.reauthorize(clients.filter((c) => live.has(c.sessionId)))
  }

  private async reauthorize(clients: Client[]) {
    for (const c of clients) {
      for (const stream of [...c.streams]) {
        const found = this.deps.registry.access(stream)
        if (!found || !(await found.access.authorize(this.deps.db, c.user, found.arg))) {
          this.unsubscribe(c, stream)
          await this.leavePresence(c, stream)
          this.send(c, ack([], [stream]))
        }
      }
    }
  }

  private async liveSessions(clients: Client[]) {
    const ids = [...new Set(clients.map((c) => c.sessionId))]
    if (!ids.length) return new Set<string>()
    const rows = await this.deps.db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'in', ids)
      .where('expires_at', '>', new Date().toISOString())
      .execute()
    return new Set(rows.map((r) => r.id))
  }

  // ---- presence -----------------------------------------------------------------------------
  private async enterPresence(client: Client, stream: string) {
    client.present = true
    await this.deps.db
      .insertInto('live_presence')
      .values({
        stream,
        client_id: client.id,
        user_id: client.user.id,
        process_id: this.processId,
        seen_at: new Date().toISOString(),
      })
      .execute()
    await this.publish({ stream, kind: 'presence', id: stream })
  }

  private async leavePresence(client: Client, only?: string) {
    if (!client.present) return // most pages (lists) never entered: no query on their close
    let q = this.deps.db.deleteFrom('live_presence').where('client_id', '=', client.id)
    if (only) q = q.where('stream', '=', only)
    const gone = await q.returning('stream').execute()
    for (const s of new Set(gone.map((g) => g.stream)))
      await this.publish({ stream: s, kind: 'presence', id: s })
  }

  private async touchPresence(client: Client) {
    if (!client.present) return
    await this.deps.db
      .updateTable('live_presence')
      .set({ seen_at: new Date().toISOString() })
      .where('client_id', '=', client.id)
      .execute()
  }

  // ---- housekeeping -------------------------------------------------------------------------
  private async sweep() {
    for (const c of this.clients) {
      if (!c.alive) {
        c.ws.terminate()
        continue
      }
      c.alive = false
      c.ws.ping()
    }
    const clients = [...this.clients]
    const live = await this.liveSessions(clients)
    for (const c of clients) if (!live.has(c.sessionId)) c.ws.close(4401, 'session ended')
    await this.deps.db
      .updateTable('live_presence')
      .set({ seen_at: new Date().toISOString() })
      .where('process_id', '=', this.processId)
      .execute()
    // Rows of a process that died without closing: long invisible, now deleted.
    await this.deps.db
      .deleteFrom('live_presence')
      .where('seen_at', '<', new Date(Date.now() - 3600_000).toISOString())
      .execute()
    liveSockets.set(this.clients.size)
  }

  async close() {
    if (this.timer) clearInterval(this.timer)
    // Pages are told why they lose the connection, then reconnect to the next process.
    const notice = await oob(OfflineNotice({ text: RESTART_TEXT }))
    for (const c of this.clients) {
      this.send(c, notice)
      c.ws.close(1012, 'Сервер перезапускается')
    }
    await this.deps.db
      .deleteFrom('live_presence')
      .where('process_id', '=', this.processId)
      .execute()
    await this.idle()
    await this.deps.bus.close()
  }
}

const samePermissions = (a: PermissionSet, b: PermissionSet) =>
  a.size === b.size && [...a].every((p) => b.has(p))

function uniqueUsers(clients: Client[]) {
  const m = new Map<number, CurrentUser>()
  for (const c of clients) m.set(c.user.id, c.user)
  return [...m.values()]
}

// The record a page edits is the one whose stream it watches with a lock fragment.
function lockOwnerFromStreams(streams: Set<string>): [string, string] | [null, null] {
  for (const s of streams) {
    const [prefix, arg] = splitStream(s)
    if (arg) return [prefix, arg]
  }
  return [null, null]
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

// Tells the page (and tests) which streams were accepted; swapped into a hidden element.
export const ack = (ok: string[], refused: string[]) =>
  `<div id="live-ack" hidden hx-swap-oob="true" data-subscribed="${escapeAttr(ok.join(' '))}" data-refused="${escapeAttr(refused.join(' '))}"></div>`
