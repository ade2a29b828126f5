// Writes through the real routes, as the forms post them (Origin for the CSRF check, the
// session cookie): a work-log entry, a remark taken into work, a document shipment. Each one
// must leave its row, its audit entry and a push on a page's socket; every acknowledged write
// (the 303 after a save) is looked up afterwards.
import { sql } from 'kysely'
import type { Db } from '../../src/db/connect.ts'
import type { BenchDb } from '../lib/bench-db.ts'
import type { ServerProcess } from '../lib/server-process.ts'
import type { ScaleData } from './generate.ts'
import { describe, meets, runLoad, type LoadOptions, type LoadRow } from './load.ts'
import { openPageSocket, wsUrlOf } from './page-socket.ts'

export type WriteKind = 'worklog' | 'remark' | 'shipment'
export const WRITE_P99_MS = 100

export interface Write {
  kind: WriteKind
  path: string
  body: string
  marker: string // the notes text (worklog, shipment) or the remark id
}

// Remarks still «new» and documents that may be shipped (of one project, or of all with that
// project's first); split by id parity so the write benchmark and the mix never take the same
// record.
export async function writePools(db: Db, projectId: number, onlyThat: boolean, parity: 0 | 1) {
  const [remarks, documents] = await Promise.all([
    db
      .selectFrom('remarks')
      .select('id')
      .where('status', '=', 'new')
      .where('deleted_at', 'is', null)
      .$if(onlyThat, (q) => q.where('project_id', '=', projectId))
      .orderBy(sql`case when project_id = ${projectId} then 0 else 1 end`)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('documents')
      .select('id')
      .where('state', '<>', 'shipped')
      .where('deleted_at', 'is', null)
      .$if(onlyThat, (q) => q.where('project_id', '=', projectId))
      .orderBy(sql`case when project_id = ${projectId} then 0 else 1 end`)
      .orderBy('id')
      .execute(),
  ])
  const mine = (rows: { id: number }[]) => rows.map((r) => r.id).filter((id) => id % 2 === parity)
  return { remarks: mine(remarks), documents: mine(documents) }
}

export class WriteMaker {
  private n = 0
  constructor(
    private runTag: string,
    private projectId: number,
    private lineTypeId: number,
    private materialCode: string,
    private pools: { remarks: number[]; documents: number[] },
  ) {}

  static async create(db: Db, runTag: string, data: ScaleData, pools: WriteMaker['pools']) {
    const type = await db
      .selectFrom('marking_types')
      .select('id')
      .where('kind', '=', 'line')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const material = await db
      .selectFrom('materials')
      .select('code')
      .where('is_work', '=', 1)
      .orderBy('sort_order')
      .executeTakeFirstOrThrow()
    return new WriteMaker(runTag, data.busiestProjectId, type.id, material.code, pools)
  }

  /** The next write of this kind, or null when its pool of records ran dry. */
  next(kind: WriteKind): Write | null {
    const marker = `bench-${this.runTag}-${this.n++}`
    const today = new Date().toISOString().slice(0, 10)
    if (kind === 'remark' && this.pools.remarks.length) {
      const id = this.pools.remarks.shift()!
      const body = new URLSearchParams({ to: 'in_progress', comment: marker })
      return { kind, path: `/remarks/${id}/status`, body: body.toString(), marker: String(id) }
    }
    if (kind === 'shipment' && this.pools.documents.length) {
      const id = this.pools.documents.shift()!
      const body = new URLSearchParams({
        recipient: 'ГКУ «Дороги»',
        on_date: today,
        method: 'hand',
        notes: marker,
      })
      return { kind, path: `/documents/${id}/ship`, body: body.toString(), marker }
    }
    if (kind !== 'worklog') return null
    const body = new URLSearchParams({
      work_date: today,
      crew_id: '',
      section: 'км 12+300',
      l0_material_code: this.materialCode,
      l0_marking_type_id: String(this.lineTypeId),
      l0_metres: '120',
      l0_notes: marker,
    })
    return {
      kind: 'worklog',
      path: `/projects/${this.projectId}/worklog`,
      body: body.toString(),
      marker,
    }
  }
}

export const postHeaders = (server: ServerProcess, cookie: string) => ({
  cookie,
  origin: server.origin,
  'content-type': 'application/x-www-form-urlencoded',
})

// Every acknowledged write, found afterwards: the line by its note, the shipment by its note,
// the remark in its new status. Returns the acknowledged writes that are missing.
export async function missingWrites(db: Db, acked: Write[]): Promise<Write[]> {
  const missing: Write[] = []
  const notes = async (table: 'worklog_entries' | 'document_movements', markers: string[]) => {
    const found = new Set<string>()
    for (let i = 0; i < markers.length; i += 500) {
      const rows = await db
        .selectFrom(table)
        .select('notes')
        .where('notes', 'in', markers.slice(i, i + 500))
        .execute()
      for (const r of rows) if (r.notes) found.add(r.notes)
    }
    return found
  }
  const lines = acked.filter((w) => w.kind === 'worklog')
  const lineNotes = await notes(
    'worklog_entries',
    lines.map((w) => w.marker),
  )
  missing.push(...lines.filter((w) => !lineNotes.has(w.marker)))
  const ships = acked.filter((w) => w.kind === 'shipment')
  const shipNotes = await notes(
    'document_movements',
    ships.map((w) => w.marker),
  )
  missing.push(...ships.filter((w) => !shipNotes.has(w.marker)))
  const moves = acked.filter((w) => w.kind === 'remark')
  const inWork = new Set<number>()
  for (let i = 0; i < moves.length; i += 500) {
    const rows = await db
      .selectFrom('remarks')
      .select('id')
      .where(
        'id',
        'in',
        moves.slice(i, i + 500).map((w) => Number(w.marker)),
      )
      .where('status', '=', 'in_progress')
      .execute()
    for (const r of rows) inWork.add(r.id)
  }
  missing.push(...moves.filter((w) => !inWork.has(Number(w.marker))))
  return missing
}

export interface WriteResult extends LoadRow {
  acknowledged: number
  missing: number
  auditRows: number // audit_log rows added during the run (≥ acknowledged)
  pushes: number // messages on one page socket watching the written records
}

const auditCount = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

export async function runWrites(
  server: ServerProcess,
  bench: BenchDb,
  data: ScaleData,
  cookie: string, // the director's: the pools are of every project
  opts: LoadOptions,
  progress: (s: string) => void,
): Promise<WriteResult[]> {
  const db = bench.handle.db
  const pools = await writePools(db, data.busiestProjectId, false, 0)
  const maker = await WriteMaker.create(db, `w${Date.now().toString(36)}`, data, pools)
  const names: Record<WriteKind, [string, string]> = {
    worklog: ['write: work-log entry', `/projects/${data.busiestProjectId}/worklog`],
    remark: ['write: remark status', `/projects/${data.busiestProjectId}/remarks`],
    shipment: ['write: document shipment', `/projects/${data.busiestProjectId}/documents`],
  }
  const results: WriteResult[] = []
  for (const kind of ['worklog', 'remark', 'shipment'] as const) {
    const [name, page] = names[kind]
    const socket = await openPageSocket(server, cookie, await wsUrlOf(server, cookie, page))
    const acked: Write[] = []
    const refusedBefore = await auditCount(db)
    const row = await runLoad(
      server,
      name,
      bench.kind,
      { ...opts, pacedFirst: true },
      () => {
        // A dry pool (a tiny --scale) ends in 404s, which the row then reports as errors.
        const w = maker.next(kind) ?? { kind, path: `/${kind}/0`, body: '', marker: '' }
        return {
          method: 'POST',
          path: w.path,
          body: w.body,
          headers: postHeaders(server, cookie),
          w,
        }
      },
      (status, req) => {
        if (status === 303) acked.push(req.w)
      },
    )
    await new Promise((r) => setTimeout(r, 500)) // the last pushes
    socket.close()
    const missing = await missingWrites(db, acked)
    const auditRows = (await auditCount(db)) - refusedBefore
    const met = meets(row, WRITE_P99_MS) && !missing.length
    results.push({
      ...row,
      acknowledged: acked.length,
      missing: missing.length,
      auditRows,
      pushes: socket.messages,
      target: { p99Ms: WRITE_P99_MS, met },
    })
    progress(
      `  ${name}: ${describe(row)}, ` +
        `${acked.length} saved, ${missing.length} missing, ${auditRows} audit rows, ${socket.messages} pushes`,
    )
  }
  return results
}
