// The import of the desktop app's two SQLite files (../shared/legacy/README.md is the spec).
//
// How it runs
// - Both files are opened read-only. Everything is written in ONE transaction: a failure
//   leaves nothing half-done. A dry run runs the very same code and rolls the transaction back
//   at the end, so its report is the real run's report and nothing stays written — except the
//   legacy_imports row, which is stored (dry_run = 1) AFTER the rollback so the admin can read
//   the report later. A dry run stores photos and files into a temporary folder it removes.
// - legacy_keys is the one idempotency mechanism: every legacy row imported or merged is
//   recorded with the record it became; a row found there is counted «merged» and not touched.
//   A second run over the same files therefore writes nothing but its legacy_imports row.
// - «merged» = the row is linked to a record that already exists (from an earlier run, or the
//   same thing entered here: same login, customer key/name, project code, document number +
//   title, material name, document type name). Every row is read and then imported, merged or
//   skipped with a reason; tables the import does not know are skipped row by row, too.
// - Audit: each record made gets its «…create» entry (by the actor running the import), and a
//   run that changed anything gets one «legacy.import» entry naming its legacy_imports row.
//
// Mapping decisions where the README is silent
// - Timestamps: Moscow wall time → UTC ISO (time.ts); date columns take the Moscow day.
// - Authors: a legacy name or user id that matches a user (people.ts: login, full name, or
//   «Фамилия И. О.») is that user; otherwise created_by is the importing actor and the name is
//   kept as text where a column exists (remarks.assignee_name, remark_events.user_name), else
//   in a note (requests' reason / decision_reason) or the audit entry (weekly report author).
// - users: role by is_admin (or an admin flag among the permissions), else by the position
//   or department words, else viewer. Permissions here are per role; the parsed old dict is
//   kept in the audit entry. The bcrypt hash is stored as is, must_change_password = 0; a
//   login that exists here is merged, never overwritten. PTO users (no passwords) are linked
//   to a user with the same login or full name, else made as switched-off accounts with an
//   unusable password ('!') so their shipments keep an author. user_sessions: skipped.
// - project_objects: code = object_id when it fits the project code rule (an existing project
//   with that code is the same object), else ОБЪЕКТ-<id>; status «В работе»; location and
//   description go to comments; the customer is the one the object's ГПР rows name most.
// - gpr_records: volume_plan → project_volumes and schedule_plans (same figure, no dates);
//   a slug we do not know becomes a material. daily_data days → worklog lines (source
//   'import') of marking type «Импорт из прежней программы» (code ИМПОРТ, made once): a
//   symbol of 1 m² a piece with pieces = NULL and area_m2 = the day's m². The stored m² is the
//   fact (areas are never recomputed), sums of metres and pieces stay true, and the lines can
//   be found and re-typed by that type. Zero days are skipped; a volume_fact above the sum of
//   the days adds one line for the rest on the row's last change day, so the fact is kept.
//   volume_remainder and progress are derived here and not imported.
// - documents: main + PTO rows with the same number + title (case and spaces aside) are one
//   entry, also matched to an entry already in the registry. The project is found by the
//   free text (legacy object id, code, old object id, name); else the project «Импорт: без
//   объекта» (code ИМПОРТ-БЕЗ-ОБЪЕКТА, made once) holds it — documents need a project — and
//   the old text is in the notes. Types by name; the PTO free text by name, short name or
//   words, else «Прочая документация». Shipments and returns of both files become the
//   movement history in date order; the same movement in both files (day + recipient, or day
//   for a return) is one. The state follows the last movement (the status only without any).
//   Return conditions: подписан / с замечаниями / не подписан, other words into the notes.
// - remarks: the number stays (REM-001); seq = its last digits when free in the project, else
//   the next free one; remark_counters is raised past them, so new remarks get new numbers
//   ({code}-NNN). Statuses from enum names, values or Russian labels (unknown → new, with the
//   old word in the history); priority low/normal/high/critical (medium → normal). History
//   and photos form one timeline of events; a remark without a creation entry gets one.
//   Photos: with --files, a file found by name is stored (images.ts) as «до», or «после» when
//   taken after the remark was first marked fixed; a missing one is listed in files.missing
//   and kept as a history event naming the file — a later run with the files makes it a photo.
// - materials: by name / short name / code; an unknown one becomes a stocked material that is
//   not a kind of work (description: audit entry). material_stocks with a quantity > 0 → a
//   batch «Остаток на <date>» in the first warehouse with its receipt (moveWithin); reserve
//   and minimum into the batch notes (thresholds here are a share per material); zero rows
//   are skipped. material_requests: status as is (or Russian labels), source 'import'.
// - weekly_reports: rows [{material, plan, fact}] → our rows with plan_m2 = plan_full_m2 =
//   the old plan (its percent was fact / that plan); week_start = Monday of the old date.
// - work_sessions: by the imported user; an open one stays open unless the user has one.
// - file_categories named like a document type are that type, others are skipped (their name
//   goes into the files' notes). uploaded_files found under --files are stored and filed as a
//   document «Файл <id>» of their project; one not found is skipped «файл недоступен».
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import type { Config } from '../config.ts'
import { nowIso } from '../db/business.ts'
import type { Db } from '../db/connect.ts'
import { FileFinder } from './file-finder.ts'
import { Run } from './run.ts'
import { LegacyFile } from './source.ts'
import { runSteps } from './steps.ts'

export interface ImportReport {
  tables: Record<
    string,
    {
      read: number
      imported: number
      merged: number
      skipped: number
      skippedRows: { key: string; reason: string }[]
    }
  >
  files: { missing: string[]; copied: number }
  dryRun: boolean
}

export interface ImportOptions {
  main: string
  pto?: string
  files?: string
  dryRun?: boolean
  actor: Actor
  onProgress?: (done: number, total: number, table: string) => void
  uploadConfig?: Pick<Config, 'UPLOAD_DIR' | 'UPLOAD_MAX_MB'>
}

// What a run is given, opened: the files (read-only), the folder of old files, where stored
// files go (a temporary folder for a dry run), and how many legacy rows there are in all.
function openInputs(opts: ImportOptions) {
  const files: LegacyFile[] = []
  let tmp: string | null = null
  const close = () => {
    for (const f of files) f.close()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  }
  try {
    const main = new LegacyFile(opts.main, 'main')
    files.push(main)
    const pto = opts.pto ? new LegacyFile(opts.pto, 'pto') : null
    if (pto) files.push(pto)
    const finder = opts.files ? new FileFinder(opts.files) : null
    if (finder && !opts.uploadConfig) throw new Error('Для переноса файлов нужен каталог загрузок')
    let upload = opts.uploadConfig ?? null
    if (upload && opts.dryRun) {
      tmp = mkdtempSync(join(tmpdir(), 'legacy-dry-run-'))
      upload = { ...upload, UPLOAD_DIR: tmp }
    }
    const given = [
      ...files.map((f) => f.describe()),
      ...(opts.files ? [{ source: 'files', name: opts.files }] : []),
    ]
    const total = files.reduce((n, f) => n + f.dataTables().reduce((m, t) => m + f.count(t), 0), 0)
    return { main, pto, finder, upload, given, total, close }
  } catch (e) {
    close()
    throw e
  }
}

class DryRunDone extends Error {}

export async function importLegacy(db: Db, opts: ImportOptions): Promise<ImportReport> {
  const startedAt = nowIso()
  const input = openInputs(opts)
  const report: ImportReport = {
    tables: {},
    files: { missing: [], copied: 0 },
    dryRun: !!opts.dryRun,
  }
  const record = (d: Db, status: 'done' | 'failed', error: string | null) =>
    d
      .insertInto('legacy_imports')
      .values({
        started_at: startedAt,
        finished_at: nowIso(),
        dry_run: opts.dryRun ? 1 : 0,
        status,
        files: JSON.stringify(input.given),
        report: JSON.stringify(report),
        error,
        created_by: opts.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  try {
    await db.transaction().execute(async (trx) => {
      const run = await Run.start(trx, opts.actor, report, {
        files: input.finder,
        upload: input.upload,
        total: input.total,
        onProgress: opts.onProgress,
      })
      await runSteps(run, input.main, input.pto)
      if (opts.dryRun) throw new DryRunDone()
      const { id } = await record(trx, 'done', null)
      if (changed(report))
        await audit(trx, opts.actor, {
          action: 'legacy.import',
          entityType: 'legacy_import',
          entityId: id,
          after: { files: input.given, tables: counts(report), files_copied: report.files.copied },
        })
    })
  } catch (e) {
    if (!(e instanceof DryRunDone)) {
      // The failure is recorded outside the rolled-back transaction; its own error must not
      // hide the one that matters.
      await record(db, 'failed', (e as Error).message).catch(() => {})
      throw e
    }
    await record(db, 'done', null)
  } finally {
    input.close()
  }
  return report
}

const changed = (r: ImportReport) =>
  r.files.copied > 0 || Object.values(r.tables).some((t) => t.imported > 0)

// The counts without the skipped rows' list, for the audit entry.
const counts = (r: ImportReport) =>
  Object.fromEntries(Object.entries(r.tables).map(([k, { skippedRows: _, ...n }]) => [k, n]))
