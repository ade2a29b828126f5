import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../src/auth/passwords.ts'
import { createCustomer } from '../../src/customers/customers.queries.ts'
import { HOLDING_CODE, IMPORT_MARKING_CODE } from '../../src/legacy/made-once.ts'
import { importLegacy, type ImportReport } from '../../src/legacy/import.ts'
import { reportText } from '../../src/legacy/report-text.ts'
import { createRemark } from '../../src/remarks/remarks.queries.ts'
import { DIALECTS, freshDb, type TestDb } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import {
  buildFiles,
  buildMain,
  buildPto,
  copyReal,
  HASH,
  legacyCounts,
  OLD_PASSWORD,
  tableCounts,
} from '../support/legacy-fixtures.ts'

const ACTOR = { userId: null, ip: 'test', requestId: null }

// Every row of every table of the file was read, and each has exactly one fate.
function expectEveryRowAccounted(report: ImportReport, source: 'main' | 'pto', path: string) {
  for (const [table, n] of Object.entries(legacyCounts(path))) {
    const t = report.tables[`${source}.${table}`]
    expect(t, `${source}.${table} in the report`).toBeDefined()
    expect(t.read, `${source}.${table} read`).toBe(n)
  }
  for (const [name, t] of Object.entries(report.tables)) {
    expect(t.imported + t.merged + t.skipped, name).toBe(t.read)
    expect(t.skippedRows.length, name).toBe(t.skipped)
    for (const s of t.skippedRows) expect(s.reason.length, `${name} #${s.key}`).toBeGreaterThan(5)
  }
}

const without = (counts: Record<string, number>, table: string) => {
  const { [table]: _, ...rest } = counts
  return rest
}
const importedIn = (r: ImportReport) =>
  Object.fromEntries(Object.entries(r.tables).map(([k, t]) => [k, t.imported]))

describe.each(DIALECTS)('legacy import (%s)', (dialect) => {
  let tmp: string
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'legacy-import-'))
  })
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))
  const upload = () => ({ UPLOAD_DIR: join(tmp, `uploads-${dialect}`), UPLOAD_MAX_MB: 50 })

  describe('the two real files of the desktop app', () => {
    let t: TestDb
    let files: { main: string; pto: string }
    let report: ImportReport
    let dry: ImportReport
    let counts: Record<string, number>[]
    const progress: [number, number, string][] = []
    beforeAll(async () => {
      t = await freshDb(dialect)
      files = copyReal(mkdtempSync(join(tmp, 'real-')))
      counts = [await tableCounts(t)]
      dry = await importLegacy(t.db, { ...files, dryRun: true, actor: ACTOR })
      counts.push(await tableCounts(t))
      report = await importLegacy(t.db, {
        ...files,
        actor: ACTOR,
        onProgress: (...p) => progress.push(p),
      })
    })
    afterAll(() => t.drop())

    it('a dry run first writes nothing and reports what the real run then did', () => {
      expect(without(counts[1], 'legacy_imports')).toEqual(without(counts[0], 'legacy_imports'))
      expect({ ...report, dryRun: true }).toEqual(dry)
    })

    it('reports progress row by row up to the number of legacy rows', () => {
      const total = 19 // the rows of both files
      expect(progress.length).toBe(total)
      expect(progress.at(-1)).toEqual([total, total, 'main.remark_photos'])
      expect(progress.map((p) => p[0])).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    })

    it('reads every row of both files and gives each one fate', () => {
      expectEveryRowAccounted(report, 'main', files.main)
      expectEveryRowAccounted(report, 'pto', files.pto)
      expect(report.dryRun).toBe(false)
      expect(importedIn(report)).toMatchObject({
        'main.project_objects': 1,
        'main.construction_remarks': 1,
        'main.remark_history': 2,
        'main.remark_photos': 1,
        'main.document_types': 0,
        'pto.users': 1,
        'pto.documents': 1,
        'pto.shipments': 1,
        'pto.returns': 1,
      })
      expect(report.tables['main.document_types'].merged).toBe(10)
      expect(report.files).toEqual({
        missing: ['/uploads/remark_photos/test_photo.jpg'],
        copied: 0,
      })
    })

    it('keeps REM-001 with its number, status, priority, deadline and the names as text', async () => {
      const r = await t.db
        .selectFrom('remarks')
        .innerJoin('projects', 'projects.id', 'remarks.project_id')
        .select(['remarks.id', 'number', 'remarks.status', 'priority', 'deadline', 'seq'])
        .select(['assignee_id', 'assignee_name', 'remarks.created_at', 'projects.code'])
        .executeTakeFirstOrThrow()
      expect(r).toMatchObject({
        number: 'REM-001',
        status: 'in_progress',
        priority: 'high',
        deadline: '2026-01-20',
        seq: 1,
        assignee_id: null,
        assignee_name: 'Петров П.П.',
        created_at: '2026-01-13T06:12:53.000Z',
        code: 'OBJ-001',
      })
      const events = await t.db
        .selectFrom('remark_events')
        .select(['kind', 'from_status', 'to_status', 'user_name', 'detail', 'at'])
        .where('remark_id', '=', r.id)
        .orderBy('id')
        .execute()
      expect(events.map((e) => [e.kind, e.from_status, e.to_status])).toEqual([
        ['created', null, 'new'],
        ['status', 'new', 'in_progress'],
        ['photo', null, null],
      ])
      expect(events[0].user_name).toBe('Строительный контроль')
      expect(events[2].detail).toContain('test_photo.jpg')
      expect(events[2].detail).toContain('не перенесён')
    })

    it('puts the PTO document with its shipment and return in the registry, returned', async () => {
      const d = await t.db
        .selectFrom('documents')
        .innerJoin('projects', 'projects.id', 'documents.project_id')
        .innerJoin('document_types as ty', 'ty.id', 'documents.type_id')
        .select(['documents.id', 'number', 'state', 'shipped_on', 'returned_on', 'recipient'])
        .select(['projects.code', 'ty.name as type'])
        .executeTakeFirstOrThrow()
      expect(d).toMatchObject({
        number: 'TEST-001',
        state: 'returned',
        shipped_on: '2026-01-16',
        returned_on: '2026-01-16',
        recipient: 'Тестовый получатель',
        code: HOLDING_CODE,
        type: 'Прочая документация',
      })
      const moves = await t.db
        .selectFrom('document_movements')
        .select(['kind', 'on_date'])
        .where('document_id', '=', d.id)
        .orderBy('id')
        .execute()
      expect(moves.map((m) => m.kind)).toEqual(['shipment', 'return'])
    })

    it('numbers a remark registered after the import past the imported one', async () => {
      const project = await t.db
        .selectFrom('projects')
        .select(['id', 'code'])
        .where('code', '=', 'OBJ-001')
        .executeTakeFirstOrThrow()
      const r = await createRemark(
        t.db,
        ACTOR,
        project,
        {
          title: 'Новое',
          description: null,
          location: null,
          priority: 'normal',
          assignee_id: null,
          deadline: null,
        },
        '{code}-{NNN}',
      )
      expect(r.seq).toBe(2)
      expect(r.number).toBe('OBJ-001-002')
    })

    it('changes nothing when run again', async () => {
      const before = await tableCounts(t)
      const again = await importLegacy(t.db, { ...files, actor: ACTOR })
      const after = await tableCounts(t)
      expect(without(after, 'legacy_imports')).toEqual(without(before, 'legacy_imports'))
      expect(after.legacy_imports).toBe(before.legacy_imports + 1)
      for (const [name, n] of Object.entries(again.tables)) {
        expect(n.imported, name).toBe(0)
        expect(n.merged, name).toBe(report.tables[name].imported + report.tables[name].merged)
      }
    })
  })

  describe('test files with every quirk of the old data', () => {
    let t: TestApp
    let db: TestDb
    let main: string
    let pto: string
    let filesDir: string
    let dry: ImportReport
    let report: ImportReport
    let countsBefore: Record<string, number>
    let countsAfterDry: Record<string, number>
    let directorId: number
    let admin: { id: number; cookie: string }
    const opts = () => ({ main, pto, files: filesDir, actor: ACTOR, uploadConfig: upload() })
    const project = (code: string) =>
      db.db.selectFrom('projects').selectAll().where('code', '=', code).executeTakeFirstOrThrow()
    const user = (login: string) =>
      db.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirstOrThrow()

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmp, 'quirks-'))
      main = buildMain(join(dir, 'main.db'))
      pto = buildPto(join(dir, 'pto.db'))
      filesDir = await buildFiles(join(dir, 'old-pc'))
      t = await testApp(dialect)
      db = t.db
      admin = await t.signIn('admin')
      directorId = (await t.signIn('director', 'director1')).id
      await createCustomer(db.db, ACTOR, {
        name: 'ФКУ Упрдор',
        inn: null,
        contact_info: null,
        address: null,
        comments: null,
      })
      countsBefore = await tableCounts(db)
      dry = await importLegacy(db.db, { ...opts(), dryRun: true })
      countsAfterDry = await tableCounts(db)
      report = await importLegacy(db.db, opts())
    })
    afterAll(() => t.close())

    it('a dry run writes nothing and reports exactly what the real run then did', async () => {
      expect(without(countsAfterDry, 'legacy_imports')).toEqual(
        without(countsBefore, 'legacy_imports'),
      )
      expect(countsAfterDry.legacy_imports).toBe(countsBefore.legacy_imports + 1)
      expect(dry.dryRun).toBe(true)
      expect({ ...report, dryRun: true }).toEqual(dry)
      const runs = await db.db.selectFrom('legacy_imports').selectAll().orderBy('id').execute()
      expect(runs.map((r) => [r.dry_run, r.status])).toEqual([
        [1, 'done'],
        [0, 'done'],
      ])
      expect(JSON.parse(runs[0].report!)).toEqual(dry)
    })

    it('accounts for every row of both files with the expected fates', () => {
      expectEveryRowAccounted(report, 'main', main)
      expectEveryRowAccounted(report, 'pto', pto)
      const fates = Object.fromEntries(
        Object.entries(report.tables).map(([k, v]) => [k, [v.imported, v.merged, v.skipped]]),
      )
      expect(fates).toEqual({
        'main.users': [5, 1, 0],
        'pto.users': [1, 1, 0],
        'main.user_sessions': [0, 0, 2],
        'main.customers': [1, 1, 0],
        'main.project_objects': [2, 0, 0],
        'main.gpr_records': [6, 0, 1],
        'main.gpr_records.daily_data': [4, 0, 3],
        'main.document_types': [1, 10, 0],
        'main.documents': [3, 0, 0],
        'pto.documents': [2, 1, 0],
        'main.document_shipments': [2, 0, 0],
        'main.document_returns': [1, 0, 1],
        'pto.shipments': [1, 1, 0],
        'pto.returns': [1, 0, 0],
        'main.construction_remarks': [4, 0, 0],
        'main.remark_history': [8, 0, 1],
        'main.remark_photos': [3, 0, 1],
        'main.materials': [1, 2, 0],
        'main.material_stocks': [2, 0, 1],
        'main.material_requests': [3, 0, 1],
        'main.weekly_reports': [1, 0, 1],
        'main.work_sessions': [2, 0, 3],
        'main.file_categories': [0, 1, 1],
        'main.uploaded_files': [1, 0, 2],
        'main.alembic_version': [0, 0, 1],
      })
      expect(report.files.copied).toBe(3)
      expect(report.files.missing).toEqual([
        'C:\\StrodService\\uploads\\remark_photos\\lost.jpg',
        'C:\\StrodService\\uploads\\files\\gone.pdf',
      ])
      const text = reportText(report)
      expect(text).toContain('main.user_sessions #1: Сеансы не переносятся')
      expect(text).toMatch(/итого\s+92\s+55\s+18\s+19/)
    })

    it('imports users with their roles and bcrypt hashes, merging a login that exists', async () => {
      const admin1 = await user('admin')
      expect(admin1).toMatchObject({ role: 'admin', password_hash: HASH, must_change_password: 0 })
      expect(await verifyPassword(admin1.password_hash, OLD_PASSWORD)).toBe(true)
      expect((await user('petrov')).role).toBe('foreman')
      expect((await user('sidorova')).role).toBe('pto_engineer')
      expect((await user('ivanov')).role).toBe('site_chief') // {'admin': False} is no admin
      // Unreadable permissions do not stop the user; his switched-off state is kept.
      expect(await user('kuznetsov')).toMatchObject({ role: 'storekeeper', is_active: 0 })
      const director = await user('director1')
      expect(director.id).toBe(directorId)
      expect(director.password_hash).not.toBe(HASH)
      // A PTO user with a login of the main file is that user; a new one cannot sign in.
      expect(await user('novikova')).toMatchObject({
        is_active: 0,
        password_hash: '!',
        role: 'pto_engineer',
      })
      const keys = await db.db
        .selectFrom('legacy_keys')
        .select(['source', 'legacy_id', 'entity_id'])
        .where('legacy_table', '=', 'users')
        .execute()
      const of = (source: string, id: string) =>
        keys.find((k) => k.source === source && k.legacy_id === id)?.entity_id
      expect(of('pto', '1')).toBe((await user('sidorova')).id)
      expect(of('main', '3')).toBe((await user('sidorova')).id)
      expect(of('main', '6')).toBe(directorId)
      expect(of('pto', '2')).toBe((await user('novikova')).id)
    })

    it('makes projects of objects, plans of ГПР rows and work-log lines of their days', async () => {
      const obj1 = await project('OBJ-001')
      const obj2 = await project('ОБЪЕКТ-2')
      const customer = await db.db
        .selectFrom('customers')
        .select('name')
        .where('id', '=', obj1.customer_id!)
        .executeTakeFirstOrThrow()
      expect(customer.name).toBe('ГКУ «Дороги»')
      expect(obj2.comments).toContain('Шифр в прежней программе: Объект №2 (старый)')
      const plans = await db.db
        .selectFrom('schedule_plans')
        .select(['project_id', 'material_code', 'plan_m2'])
        .orderBy('project_id')
        .orderBy('material_code')
        .execute()
      expect(plans.map((p) => [p.project_id, p.material_code, p.plan_m2])).toEqual([
        [obj1.id, 'hpj', 70],
        [obj1.id, 'kraska_b', 1100],
        [obj1.id, 'tp', 500],
        [obj2.id, 'demarkirovka', 50],
        [obj2.id, 'hp', 200],
      ])
      const volume = await db.db
        .selectFrom('project_volumes')
        .select('plan_m2')
        .where('project_id', '=', obj1.id)
        .where('material', '=', 'kraska_b')
        .executeTakeFirstOrThrow()
      expect(volume.plan_m2).toBe(1100)
      const lines = await db.db
        .selectFrom('worklog_entries as w')
        .innerJoin('marking_types as mt', 'mt.id', 'w.marking_type_id')
        .select(['w.work_date', 'w.area_m2', 'w.source', 'w.pieces', 'w.metres', 'mt.code'])
        .orderBy('w.work_date')
        .execute()
      expect(lines.map((l) => [l.work_date, l.area_m2])).toEqual([
        ['2026-01-05', 120.5],
        ['2026-01-06', 80],
        ['2026-01-08', 10],
        ['2026-01-09', 100], // the fact of row 1 that no day accounts for
      ])
      for (const l of lines)
        expect(l).toMatchObject({
          source: 'import',
          pieces: null,
          metres: null,
          code: IMPORT_MARKING_CODE,
        })
      const skipped = report.tables['main.gpr_records.daily_data'].skippedRows.map((s) => s.key)
      expect(skipped).toEqual(['1:2026-01-07', '6:2026-01-09', '7'])
    })

    it('makes one registry entry of a document found in both files, with the history in order', async () => {
      const docs = await db.db
        .selectFrom('documents as d')
        .innerJoin('projects as p', 'p.id', 'd.project_id')
        .innerJoin('document_types as ty', 'ty.id', 'd.type_id')
        .select(['d.id', 'd.number', 'd.title', 'd.state', 'd.recipient', 'd.shipped_on'])
        .select([
          'd.returned_on',
          'd.condition',
          'd.doc_date',
          'd.notes',
          'p.code',
          'ty.name as type',
        ])
        .orderBy('d.id')
        .execute()
      expect(docs.map((d) => d.number)).toEqual([
        'АОСР-1',
        'ИС-5',
        'ВОР-1',
        'TEST-002',
        'X-1',
        'Файл 1',
      ])
      const [aosr, is5, vor, test2, x1, file1] = docs
      expect(aosr).toMatchObject({ state: 'shipped', shipped_on: '2026-01-10', code: 'OBJ-001' })
      expect(is5).toMatchObject({
        code: HOLDING_CODE,
        type: 'Акт разбивки осей',
        state: 'in_office',
      })
      expect(is5.notes).toBe('Объект в прежней программе: «неизвестный объект»')
      expect(vor).toMatchObject({ state: 'returned', condition: 'signed', code: 'OBJ-001' })
      expect(test2).toMatchObject({
        state: 'returned',
        recipient: 'Заказчик',
        shipped_on: '2026-01-04',
        returned_on: '2026-01-05',
        condition: 'remarks',
        doc_date: '2026-01-03',
        type: 'Акт освидетельствования скрытых работ (АОСР)',
      })
      expect(x1).toMatchObject({
        type: 'Прочая документация',
        state: 'in_office',
        code: HOLDING_CODE,
      })
      expect(file1).toMatchObject({
        title: 'Оригинал scan.pdf',
        type: 'Фотоотчет',
        code: 'OBJ-001',
      })
      const aosrMoves = await db.db
        .selectFrom('document_movements')
        .select(['kind', 'on_date'])
        .where('document_id', '=', aosr.id)
        .execute()
      expect(aosrMoves).toEqual([{ kind: 'shipment', on_date: '2026-01-10' }]) // not twice
      const file = await db.db
        .selectFrom('document_files as df')
        .innerJoin('files as f', 'f.id', 'df.file_id')
        .select(['f.mime', 'df.version'])
        .where('df.document_id', '=', file1.id)
        .executeTakeFirstOrThrow()
      expect(file).toEqual({ mime: 'application/pdf', version: 1 })
    })

    it('keeps remark numbers, statuses, names and history, and stores the photos found', async () => {
      const remarks = await db.db.selectFrom('remarks').selectAll().orderBy('id').execute()
      const petrov = (await user('petrov')).id
      const [r1, r2, r3, r4] = remarks
      expect(r1).toMatchObject({
        number: 'REM-001',
        seq: 1,
        status: 'in_progress',
        assignee_id: petrov,
      })
      expect(r2).toMatchObject({
        number: 'REM-002',
        status: 'closed',
        priority: 'critical',
        assignee_id: null,
        assignee_name: 'Неизвестный Н.Н.',
        created_by: (await user('sidorova')).id,
        closed_at: '2026-01-17T05:00:00.000Z',
      })
      expect(r3).toMatchObject({
        status: 'rejected',
        reject_reason: 'Не подтверждено',
        priority: 'low',
      })
      expect(r4).toMatchObject({
        number: 'Без номера',
        seq: 3,
        status: 'fixed',
        priority: 'normal',
      })
      const counters = await db.db.selectFrom('remark_counters').selectAll().execute()
      expect(counters.map((c) => c.last).sort()).toEqual([3, 3])
      const events = await db.db
        .selectFrom('remark_events')
        .select(['kind', 'to_status', 'user_id', 'user_name', 'detail', 'at'])
        .where('remark_id', '=', r2.id)
        .orderBy('id')
        .execute()
      expect(events.map((e) => e.kind)).toEqual([
        'created',
        'photo',
        'status',
        'status',
        'photo',
        'status',
        'status',
      ])
      expect(events[1].detail).toContain('lost.jpg')
      expect(events[1].detail).toContain('файл не найден')
      expect(events[3]).toMatchObject({ to_status: 'fixed', user_id: petrov, user_name: null })
      expect(events[2].user_name).toBe('Строительный контроль')
      const created3 = await db.db
        .selectFrom('remark_events')
        .select(['kind', 'to_status'])
        .where('remark_id', '=', r3.id)
        .orderBy('id')
        .execute()
      expect(created3).toEqual([
        { kind: 'created', to_status: 'new' },
        { kind: 'status', to_status: 'rejected' },
      ])
      const photos = await db.db
        .selectFrom('remark_photos as p')
        .innerJoin('files as f', 'f.id', 'p.file_id')
        .select(['p.remark_id', 'p.phase', 'p.thumb_file_id', 'f.mime', 'f.original_name'])
        .orderBy('p.id')
        .execute()
      expect(photos).toMatchObject([
        { remark_id: r1.id, phase: 'before', mime: 'image/jpeg', original_name: 'before.jpg' },
        { remark_id: r2.id, phase: 'after', mime: 'image/jpeg', original_name: 'after.jpg' },
      ])
      expect(photos.every((p) => p.thumb_file_id)).toBe(true)
    })

    it('opens an opening-balance batch per stock row and maps requests by their names', async () => {
      const batches = await db.db
        .selectFrom('stock_batches as b')
        .innerJoin('materials as m', 'm.id', 'b.material_id')
        .select([
          'b.number',
          'b.received_qty',
          'b.in_store',
          'b.location',
          'b.notes',
          'm.code',
          'm.is_work',
        ])
        .orderBy('b.id')
        .execute()
      expect(batches).toMatchObject([
        {
          number: 'Остаток на 12.01.2026',
          received_qty: 500,
          in_store: 500,
          code: 'kraska_b',
          location: 'Стеллаж 4',
        },
        {
          number: 'Остаток на 10.01.2026',
          received_qty: 20,
          in_store: 20,
          code: 'legacy_3',
          is_work: 0,
        },
      ])
      expect(batches[0].notes).toContain('Резерв: 50')
      expect(batches[0].notes).toContain('Минимальный остаток: 100')
      const receipts = await db.db
        .selectFrom('stock_movements')
        .select(['kind', 'quantity'])
        .execute()
      expect(receipts).toEqual([
        { kind: 'receipt', quantity: 500 },
        { kind: 'receipt', quantity: 20 },
      ])
      const requests = await db.db
        .selectFrom('material_requests')
        .selectAll()
        .orderBy('id')
        .execute()
      expect(requests.map((r) => [r.status, r.source])).toEqual([
        ['pending', 'import'],
        ['approved', 'import'],
        ['fulfilled', 'import'],
      ])
      expect(requests[0]).toMatchObject({
        created_by: (await user('petrov')).id,
        project_id: (await project('OBJ-001')).id,
      })
      expect(requests[1]).toMatchObject({
        decided_by: (await user('ivanov')).id,
        decided_at: '2026-01-11T09:00:00.000Z',
      })
      expect(requests[2].reason).toContain('Заявитель: Чужой Человек')
      expect(requests[2].decision_reason).toBe('Решение: Кто-то Другой')
      expect(requests[2].fulfilled_at).toBe('2026-01-12T09:00:00.000Z')
    })

    it('imports the weekly report in our shape and the work sessions of imported users', async () => {
      const w = await db.db.selectFrom('weekly_reports').selectAll().executeTakeFirstOrThrow()
      expect(w).toMatchObject({
        week_start: '2026-01-05',
        plan_m2: 1500,
        plan_full_m2: 1500,
        fact_m2: 300.5,
        created_by: (await user('ivanov')).id,
      })
      expect(JSON.parse(w.data)).toEqual([
        {
          material_code: 'kraska_b',
          material_name: 'Краска б',
          plan_m2: 1000,
          plan_full_m2: 1000,
          fact_m2: 300.5,
        },
        { material_code: 'tp', material_name: 'ТП', plan_m2: 500, plan_full_m2: 500, fact_m2: 0 },
      ])
      const shifts = await db.db
        .selectFrom('work_sessions')
        .select(['user_id', 'started_at', 'ended_at'])
        .orderBy('id')
        .execute()
      const petrov = (await user('petrov')).id
      expect(shifts).toEqual([
        {
          user_id: petrov,
          started_at: '2026-01-12T05:00:00.000Z',
          ended_at: '2026-01-12T14:00:00.000Z',
        },
        { user_id: petrov, started_at: '2026-01-13T05:00:00.500Z', ended_at: null },
      ])
    })

    it('shows the imported records on the pages of the app', async () => {
      const r2 = await db.db
        .selectFrom('remarks')
        .select('id')
        .where('number', '=', 'REM-002')
        .executeTakeFirstOrThrow()
      const page = await t.get(`/remarks/${r2.id}`, admin.cookie)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('REM-002')
      expect(html).toContain('Неизвестный Н.Н.')
      expect(html).toContain('Строительный контроль')
      const log = await t.get(
        `/worklog?project=${(await project('OBJ-001')).id}&from=2026-01-01&to=2026-01-31`,
        admin.cookie,
      )
      expect(log.status).toBe(200)
      expect(await log.text()).toContain('Импорт из прежней программы')
      const gpr = await t.get('/gpr?month=2026-01', admin.cookie)
      expect(gpr.status).toBe(200)
    })

    it('writes an audit entry per record made and one for the run', async () => {
      const actions = await db.db
        .selectFrom('audit_log')
        .select(['action', 'entity_type'])
        .where('ip', '=', 'test')
        .execute()
      const count = (a: string) => actions.filter((x) => x.action === a).length
      expect(count('legacy.import')).toBe(1)
      expect(count('user.create')).toBe(6)
      expect(count('remark.create')).toBe(4)
      expect(count('remark.photo')).toBe(2)
    })

    it('changes nothing in any table when run a second time', async () => {
      const before = await tableCounts(db)
      const again = await importLegacy(db.db, opts())
      const after = await tableCounts(db)
      expect(without(after, 'legacy_imports')).toEqual(without(before, 'legacy_imports'))
      expect(Object.values(importedIn(again)).every((n) => n === 0)).toBe(true)
      expect(again.files.copied).toBe(0)
      for (const [name, n] of Object.entries(again.tables))
        expect(n.merged + n.skipped, name).toBe(n.read)
      expect(again.tables['main.user_sessions'].skipped).toBe(2)
    })
  })

  describe('later runs, existing records and failures', () => {
    let t: TestDb
    let main: string
    let filesDir: string
    beforeAll(async () => {
      const dir = mkdtempSync(join(tmp, 'later-'))
      main = buildMain(join(dir, 'main.db'))
      filesDir = await buildFiles(join(dir, 'old-pc'))
      t = await freshDb(dialect)
    })
    afterAll(() => t.drop())

    it('keeps the photo as a flagged event, then stores it when a later run finds the file', async () => {
      const first = await importLegacy(t.db, { main, actor: ACTOR })
      expect(first.tables['main.remark_photos'].imported).toBe(3)
      expect(first.files.missing).toHaveLength(5) // three photos and two files of uploaded_files
      expect(first.tables['main.uploaded_files'].skipped).toBe(3)
      expect(await t.db.selectFrom('remark_photos').selectAll().execute()).toEqual([])
      const flagged = await t.db
        .selectFrom('remark_events')
        .select('detail')
        .where('kind', '=', 'photo')
        .execute()
      expect(flagged.every((e) => e.detail!.includes('каталог файлов не указан'))).toBe(true)

      const second = await importLegacy(t.db, {
        main,
        files: filesDir,
        actor: ACTOR,
        uploadConfig: upload(),
      })
      expect(second.tables['main.remark_photos']).toMatchObject({
        imported: 2,
        merged: 1,
        skipped: 1,
      })
      expect(second.tables['main.uploaded_files'].imported).toBe(1)
      expect(second.files.copied).toBe(3)
      const photos = await t.db.selectFrom('remark_photos').select('phase').orderBy('id').execute()
      expect(photos.map((p) => p.phase)).toEqual(['before', 'after'])
      const keys = await t.db
        .selectFrom('legacy_keys')
        .select('entity_type')
        .where('legacy_table', '=', 'remark_photos')
        .orderBy('legacy_id')
        .execute()
      expect(keys.map((k) => k.entity_type)).toEqual([
        'remark_photo',
        'remark_photo',
        'remark_event',
      ])

      const before = await tableCounts(t)
      const third = await importLegacy(t.db, {
        main,
        files: filesDir,
        actor: ACTOR,
        uploadConfig: upload(),
      })
      expect(without(await tableCounts(t), 'legacy_imports')).toEqual(
        without(before, 'legacy_imports'),
      )
      expect(third.files.copied).toBe(0)
    })

    it('links an object to the project of that code entered here, keeping its own volume', async () => {
      const fresh = await freshDb(dialect)
      try {
        const now = new Date().toISOString()
        const { id } = await fresh.db
          .insertInto('projects')
          .values({
            contractor: 'ООО «Строд-Сервис Технолоджи»',
            name: 'Р-22, внесён вручную',
            short_name: 'Р-22',
            code: 'OBJ-001',
            status: 'active',
            search: '',
            created_at: now,
            updated_at: now,
            created_by: null,
            updated_by: null,
            deleted_at: null,
            customer_id: null,
            contract_number: null,
            contract_date: null,
            length_km: null,
            asphalt_date: null,
            start_date: null,
            end_date: null,
            comments: null,
            legacy_key: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await fresh.db
          .insertInto('project_volumes')
          .values({ project_id: id, material: 'kraska_b', plan_m2: 999 })
          .execute()
        const r = await importLegacy(fresh.db, { main, actor: ACTOR })
        expect(r.tables['main.project_objects']).toMatchObject({ imported: 1, merged: 1 })
        const projects = await fresh.db.selectFrom('projects').select('code').execute()
        expect(projects.filter((p) => p.code === 'OBJ-001')).toHaveLength(1)
        const volume = await fresh.db
          .selectFrom('project_volumes')
          .select('plan_m2')
          .where('project_id', '=', id)
          .where('material', '=', 'kraska_b')
          .executeTakeFirstOrThrow()
        expect(volume.plan_m2).toBe(999) // two legacy rows did not add to it
        const plan = await fresh.db
          .selectFrom('schedule_plans')
          .select('plan_m2')
          .where('project_id', '=', id)
          .where('material_code', '=', 'kraska_b')
          .executeTakeFirstOrThrow()
        expect(plan.plan_m2).toBe(1100)
      } finally {
        await fresh.drop()
      }
    })

    it('leaves nothing behind when the import fails, and records the failure', async () => {
      const fresh = await freshDb(dialect)
      try {
        const before = await tableCounts(fresh)
        const boom = (done: number) => {
          if (done === 30) throw new Error('сбой посреди импорта')
        }
        await expect(
          importLegacy(fresh.db, { main, actor: ACTOR, onProgress: boom }),
        ).rejects.toThrow('сбой посреди импорта')
        const after = await tableCounts(fresh)
        expect(without(after, 'legacy_imports')).toEqual(without(before, 'legacy_imports'))
        const runs = await fresh.db.selectFrom('legacy_imports').selectAll().execute()
        expect(runs.map((r) => [r.status, r.dry_run, r.error])).toEqual([
          ['failed', 0, 'сбой посреди импорта'],
        ])
        // A folder or a file that is not what it should be is refused before anything is written.
        await expect(
          importLegacy(fresh.db, { main, files: join(tmp, 'no-such-dir'), actor: ACTOR }),
        ).rejects.toThrow(/недоступен/)
        const ptoAsMain = buildPto(join(tmp, `pto-as-main-${dialect}.db`))
        await expect(importLegacy(fresh.db, { main: ptoAsMain, actor: ACTOR })).rejects.toThrow(
          /не похож/,
        )
        expect(await tableCounts(fresh)).toEqual(after)
      } finally {
        await fresh.drop()
      }
    })
  })
})
