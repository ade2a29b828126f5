import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { moscowToday } from '../documents/state.ts'
import type { StorageConfig } from '../files/storage.ts'
import type { FileFinder } from './file-finder.ts'
import type { ImportReport } from './import.ts'
import { People } from './people.ts'
import type { Source } from './source.ts'

export interface LegacyKey {
  entity_type: string
  entity_id: number
}

type TableReport = ImportReport['tables'][string]

// One legacy table's counts in the report. read() is called once per legacy row, then exactly
// one of imported() / merged() / skip().
export class Tally {
  constructor(
    private r: TableReport,
    private onRead: () => void,
  ) {}
  read() {
    this.r.read++
    this.onRead()
  }
  imported() {
    this.r.imported++
  }
  merged() {
    this.r.merged++
  }
  skip(key: string | number, reason: string) {
    this.r.skipped++
    this.r.skippedRows.push({ key: String(key), reason })
  }
}

// The state of one import inside its transaction: what every legacy row already became
// (legacy_keys, read once), the report being filled, and the few records made on demand.
export class Run {
  readonly now = nowIso()
  readonly today = moscowToday()
  people!: People
  private keys = new Map<string, LegacyKey>()
  private memos = new Map<string, Promise<unknown>>()
  private done = 0
  // Records made by this run (e.g. 'volume:12:tp'): a second legacy row for one of them adds
  // to it, while a record that was there before the run is left as it is.
  readonly made = new Set<string>()

  private constructor(
    readonly trx: Db,
    readonly actor: Actor,
    readonly report: ImportReport,
    readonly files: FileFinder | null,
    readonly upload: StorageConfig | null,
    private progress: { total: number; cb?: (done: number, total: number, table: string) => void },
  ) {}

  static async start(
    trx: Db,
    actor: Actor,
    report: ImportReport,
    opts: {
      files: FileFinder | null
      upload: StorageConfig | null
      total: number
      onProgress?: (done: number, total: number, table: string) => void
    },
  ) {
    const run = new Run(trx, actor, report, opts.files, opts.upload, {
      total: opts.total,
      cb: opts.onProgress,
    })
    for (const k of await trx.selectFrom('legacy_keys').selectAll().execute())
      run.keys.set(keyOf(k.source, k.legacy_table, k.legacy_id), k)
    run.people = await People.load(trx)
    return run
  }

  // The counts of a legacy table ('main.users'); a derived table ('main.gpr_records.daily_data')
  // does not move the progress, which counts rows of the files' tables.
  tally(source: Source, table: string, derived = false): Tally {
    const name = `${source}.${table}`
    const r = (this.report.tables[name] ??= {
      read: 0,
      imported: 0,
      merged: 0,
      skipped: 0,
      skippedRows: [],
    })
    return new Tally(r, () => {
      if (derived) return
      this.done++
      this.progress.cb?.(this.done, this.progress.total, name)
    })
  }

  // Counts a legacy row as read; true (and counted as merged) when an earlier run imported it.
  already(t: Tally, source: Source, table: string, id: unknown): boolean {
    t.read()
    if (!this.key(source, table, id)) return false
    t.merged()
    return true
  }

  key(source: Source, table: string, id: unknown): LegacyKey | undefined {
    return this.keys.get(keyOf(source, table, String(id)))
  }

  async remember(
    source: Source,
    table: string,
    id: unknown,
    entity_type: string,
    entity_id: number,
  ) {
    const legacy_id = String(id)
    await this.trx
      .insertInto('legacy_keys')
      .values({
        source,
        legacy_table: table,
        legacy_id,
        entity_type,
        entity_id,
        imported_at: this.now,
      })
      .execute()
    this.keys.set(keyOf(source, table, legacy_id), { entity_type, entity_id })
  }

  // A row imported before as something lesser (a photo whose file was missing) became the real
  // thing on this run.
  async rekey(source: Source, table: string, id: unknown, entity_type: string, entity_id: number) {
    await this.trx
      .updateTable('legacy_keys')
      .set({ entity_type, entity_id, imported_at: this.now })
      .where('source', '=', source)
      .where('legacy_table', '=', table)
      .where('legacy_id', '=', String(id))
      .execute()
    this.keys.set(keyOf(source, table, String(id)), { entity_type, entity_id })
  }

  // A record made at most once per run, when first needed (the «no object» project …).
  memo<T>(name: string, make: () => Promise<T>): Promise<T> {
    let p = this.memos.get(name) as Promise<T> | undefined
    if (!p) this.memos.set(name, (p = make()))
    return p
  }

  // Who and when for a new business row: the legacy author when he matched a user, otherwise
  // whoever runs the import; the legacy time when there is one.
  stamp(at: string | null, by: number | null = null, updatedAt: string | null = null) {
    const who = by ?? this.actor.userId
    const created_at = at ?? this.now
    return {
      created_at,
      updated_at: updatedAt && updatedAt > created_at ? updatedAt : created_at,
      created_by: who,
      updated_by: who,
    }
  }

  audit(action: string, entityType: string, entityId: number, after: unknown) {
    return audit(this.trx, this.actor, { action, entityType, entityId, after })
  }
}

const keyOf = (source: string, table: string, id: string) => `${source}\u0000${table}\u0000${id}`
