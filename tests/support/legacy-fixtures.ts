import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import bcrypt from 'bcryptjs'
import { sql } from 'kysely'
import sharp from 'sharp'
import type { TestDb } from './db.ts'

// The desktop app's files: the two real ones (copied, never opened in place) and test ones
// built from the same schemas with every quirk of ../shared/legacy/README.md.

// Copies of the two real files and their schemas (tests/fixtures/legacy), so a fresh clone runs.
export const LEGACY_DIR = fileURLToPath(new URL('../fixtures/legacy/', import.meta.url))
export const OLD_PASSWORD = 'старый-пароль-2025'

export function copyReal(dir: string) {
  const main = join(dir, 'strod_service_tech.db')
  const pto = join(dir, 'pto_docs.db')
  copyFileSync(join(LEGACY_DIR, 'strod_service_tech.db'), main)
  copyFileSync(join(LEGACY_DIR, 'pto_docs.db'), pto)
  return { main, pto }
}

// A new SQLite file with the legacy schema (sqlite_sequence is SQLite's own and made by it).
function fromSchema(path: string, schemaFile: string) {
  const db = new Database(path)
  const ddl = readFileSync(join(LEGACY_DIR, schemaFile), 'utf8').replace(
    /CREATE TABLE sqlite_sequence\(name,seq\);/,
    '',
  )
  db.exec(ddl)
  db.pragma('foreign_keys = OFF') // the old data has rows whose parent is gone
  return db
}

function insert(db: Database.Database, table: string, rows: Record<string, unknown>[]) {
  for (const r of rows) {
    const cols = Object.keys(r)
    db.prepare(
      `insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`,
    ).run(r)
  }
}

export const HASH = bcrypt.hashSync(OLD_PASSWORD, 4)

export function buildMain(path: string) {
  const db = fromSchema(path, 'strod_service_tech.schema.sql')
  const u = (id: number, username: string, full_name: string, more: object) => ({
    id,
    username,
    email: `${username.toLowerCase()}@strod.example`,
    hashed_password: HASH,
    full_name,
    position: null,
    department: null,
    is_active: 1,
    is_admin: 0,
    permissions: null,
    created_at: '2025-03-01 09:00:00',
    ...more,
  })
  insert(db, 'users', [
    u(1, 'Admin', 'Администратор Системы', {
      is_admin: 1,
      permissions: "{'read': True, 'write': True}",
    }),
    u(2, 'petrov', 'Петров Пётр Петрович', { position: 'Прораб участка', permissions: '{}' }),
    u(3, 'sidorova', 'Сидорова Анна Викторовна', { position: 'Инженер ПТО' }),
    u(4, 'ivanov', 'Иванов Иван Иванович', {
      position: 'Начальник участка №2',
      permissions: "{'admin': False, 'docs': ['a', 'b'], 'note': 'it\\'s', 'n': None}",
    }),
    u(5, 'kuznetsov', 'Кузнецов Кирилл Кириллович', {
      position: 'Кладовщик',
      permissions: "{'read': True, [oops",
      is_active: 0,
    }),
    u(6, 'director1', 'Директор Дмитрий Дмитриевич', { position: 'Исполнительный директор' }),
  ])
  insert(db, 'user_sessions', [
    { id: 1, user_id: 1, session_token: 'a', expires_at: '2026-01-01 00:00:00' },
    { id: 2, user_id: 2, session_token: 'b', expires_at: '2026-01-01 00:00:00' },
  ])
  insert(db, 'customers', [
    { id: 1, customer_id: 'CUST-001', name: 'ГКУ «Дороги»', contact_info: '+7 495 000-00-00' },
    { id: 2, customer_id: 'CUST-002', name: 'ФКУ Упрдор', contact_info: null },
  ])
  insert(db, 'project_objects', [
    { id: 1, object_id: 'OBJ-001', name: 'Р-22 «Каспий», км 10', location: 'Тамбовская обл.' },
    { id: 2, object_id: 'Объект №2 (старый)', name: 'Подъезд к г. Липецк', description: 'Ремонт' },
  ])
  const g = (id: number, object_id: number, work_type: string, more: object) => ({
    id,
    customer_id: 1,
    object_id,
    work_type,
    volume_plan: 0,
    created_at: '2026-01-02 10:00:00',
    updated_at: '2026-01-09 18:30:00',
    ...more,
  })
  insert(db, 'gpr_records', [
    g(1, 1, 'kraska_b', {
      volume_plan: 1000,
      volume_fact: 300.5,
      daily_data: '{"2026-01-05": 120.5, "2026-01-06": "80", "2026-01-07": 0}',
    }),
    g(2, 1, 'tp', { volume_plan: 500, daily_data: '{}' }),
    g(3, 2, 'hp', { volume_plan: 200, daily_data: '' }),
    g(4, 2, 'demarkirovka', { customer_id: 2, volume_plan: 50, daily_data: null }),
    g(5, 1, 'kraska_b', { volume_plan: 100, daily_data: '{"2026-01-08": 10}' }),
    g(6, 99, 'tp', { volume_plan: 5, daily_data: '{"2026-01-09": 5}' }),
    g(7, 1, 'hpj', { volume_plan: 70, daily_data: 'not json' }),
  ])
  insert(db, 'document_types', [
    ...[
      'Исполнительный чертеж',
      'Акт скрытых работ',
      'Журнал производства работ',
      'Ведомость объемов работ',
      'Исполнительная съемка',
      'Протокол испытаний',
      'Дефектная ведомость',
      'Акт приемки',
      'Фотоотчет',
      'Прочая документация',
    ].map((name, i) => ({ id: i + 1, name })),
    { id: 11, name: 'Акт разбивки осей' },
  ])
  insert(db, 'documents', [
    {
      id: 1,
      doc_number: 'АОСР-1',
      title: 'Акт скрытых работ №1',
      project_id: 'OBJ-001',
      document_type_id: 2,
      status: 'shipped',
      created_at: '2026-01-09 12:00:00',
    },
    {
      id: 2,
      doc_number: 'ИС-5',
      title: '  Исполнительная   схема км 10 ',
      project_id: 'неизвестный объект',
      document_type_id: 11,
      status: 'in_office',
    },
    {
      id: 3,
      doc_number: 'ВОР-1',
      title: 'Ведомость объемов',
      project_id: '1',
      document_type_id: 4,
      status: 'returned',
    },
  ])
  insert(db, 'document_shipments', [
    { id: 1, document_id: 1, recipient: 'ГКУ «Дороги»', shipment_date: '2026-01-10 10:00:00' },
    { id: 2, document_id: 3, recipient: 'ФКУ Упрдор', shipment_date: '2026-01-11 09:00:00' },
  ])
  insert(db, 'document_returns', [
    { id: 1, document_id: 3, return_date: '2026-01-15 16:00:00', condition: 'Подписан' },
    { id: 2, document_id: 99, return_date: '2026-01-15 16:00:00', condition: 'Подписан' },
  ])
  const r = (id: number, remark_number: string, more: object) => ({
    id,
    remark_number,
    project_object_id: 1,
    title: `Замечание ${remark_number}`,
    description: 'Описание',
    created_by: 'Строительный контроль',
    created_at: '2026-01-13 09:12:53',
    ...more,
  })
  insert(db, 'construction_remarks', [
    r(1, 'REM-001', {
      status: 'IN_PROGRESS',
      priority: 'high',
      assigned_to: 'Петров П.П.',
      deadline: '2026-01-20 09:12:53.792745',
    }),
    r(2, 'REM-002', {
      status: 'CLOSED',
      priority: 'critical',
      assigned_to: 'Неизвестный Н.Н.',
      created_by: 'sidorova',
    }),
    r(3, 'REM-003', { project_object_id: 2, status: 'REJECTED', priority: 'low' }),
    r(4, 'Без номера', { status: 'FIXED', priority: 'medium' }),
  ])
  const h = (id: number, remark_id: number, old: string | null, now: string, at: string) => ({
    id,
    remark_id,
    old_status: old,
    new_status: now,
    comment: `${old ?? '—'} → ${now}`,
    changed_by: 'Строительный контроль',
    changed_at: at,
  })
  insert(db, 'remark_history', [
    h(1, 1, null, 'NEW', '2026-01-13 09:12:53'),
    h(2, 1, 'NEW', 'IN_PROGRESS', '2026-01-13 09:12:54.123456'),
    h(3, 2, null, 'NEW', '2026-01-13 09:12:53'),
    h(4, 2, 'NEW', 'IN_PROGRESS', '2026-01-14 08:00:00'),
    {
      ...h(5, 2, 'IN_PROGRESS', 'FIXED', '2026-01-15 08:00:00'),
      changed_by: 'Петров Пётр Петрович',
    },
    h(6, 2, 'FIXED', 'VERIFIED', '2026-01-16 08:00:00'),
    h(7, 2, 'VERIFIED', 'CLOSED', '2026-01-17 08:00:00'),
    { ...h(8, 3, 'NEW', 'REJECTED', '2026-01-14 10:00:00'), comment: 'Не подтверждено' },
    h(9, 99, 'NEW', 'FIXED', '2026-01-14 10:00:00'),
  ])
  const p = (id: number, remark_id: number, filename: string, at: string) => ({
    id,
    remark_id,
    file_path: `C:\\StrodService\\uploads\\remark_photos\\${filename}`,
    filename,
    file_size: 2048,
    description: `Фото ${filename}`,
    created_by: 'Строительный контроль',
    created_at: at,
  })
  insert(db, 'remark_photos', [
    p(1, 1, 'before.jpg', '2026-01-13 09:13:00'),
    p(2, 2, 'after.jpg', '2026-01-15 09:00:00'),
    p(3, 2, 'lost.jpg', '2026-01-13 09:14:00'),
    p(4, 99, 'orphan.jpg', '2026-01-13 09:14:00'),
  ])
  insert(db, 'materials', [
    { id: 1, name: 'Краска б', description: 'белая' },
    { id: 2, name: 'тп' },
    { id: 3, name: 'Растворитель', description: 'для краски' },
  ])
  insert(db, 'material_stocks', [
    {
      id: 1,
      material_id: 1,
      quantity: 500,
      reserved_quantity: 50,
      min_threshold: 100,
      location: 'Стеллаж 4',
      last_updated: '2026-01-12 23:30:00',
    },
    { id: 2, material_id: 3, quantity: 0 },
    { id: 3, material_id: 3, quantity: 20, created_at: '2026-01-10 08:00:00' },
  ])
  const mr = (id: number, material_id: number, status: string, more: object) => ({
    id,
    material_id,
    requested_quantity: 100,
    available_quantity: 20,
    needed_quantity: 80,
    status,
    requested_by: 'petrov',
    created_at: '2026-01-10 08:00:00',
    ...more,
  })
  insert(db, 'material_requests', [
    mr(1, 1, 'pending', { requester_id: 2, project_id: 'OBJ-001', reason: 'На неделю' }),
    mr(2, 3, 'APPROVED', { approved_by: 'Иванов И.И.', approved_at: '2026-01-11 12:00:00' }),
    mr(3, 1, 'weird', {}),
    mr(4, 2, 'fulfilled', {
      requested_by: 'Чужой Человек',
      approved_by: 'Кто-то Другой',
      approved_at: '2026-01-11 12:00:00',
      fulfilled_at: '2026-01-12 12:00:00',
      section_name: 'Участок 3',
    }),
  ])
  insert(db, 'weekly_reports', [
    {
      id: 1,
      week_start_date: '2026-01-07 00:00:00',
      report_data:
        '[{"material": "kraska_b", "plan": 1000, "fact": 300.5}, {"material": "ТП", "plan": "500", "fact": 0}]',
      created_by: 'Иванов Иван Иванович',
      created_at: '2026-01-11 18:00:00',
    },
    { id: 2, week_start_date: '2026-01-12', report_data: 'oops', created_by: 'Никто' },
  ])
  insert(db, 'work_sessions', [
    { id: 1, user_id: 2, start_time: '2026-01-12 08:00:00', end_time: '2026-01-12 17:00:00' },
    { id: 2, user_id: 2, start_time: '2026-01-13 08:00:00.5', end_time: null, is_active: 1 },
    { id: 3, user_id: 2, start_time: '2026-01-14 08:00:00', end_time: null, is_active: 1 },
    { id: 4, user_id: 99, start_time: '2026-01-14 08:00:00', end_time: null },
    { id: 5, user_id: 3, start_time: '2026-01-14 08:00:00', end_time: '2026-01-14 07:00:00' },
  ])
  insert(db, 'file_categories', [
    { id: 1, name: 'Фотоотчет' },
    { id: 2, name: 'Разное' },
  ])
  const f = (id: number, filename: string, more: object) => ({
    id,
    filename,
    original_filename: `Оригинал ${filename}`,
    file_path: `C:\\StrodService\\uploads\\files\\${filename}`,
    file_size: 100,
    category_id: 1,
    project_id: 'OBJ-001',
    uploaded_by: 'Сидорова Анна Викторовна',
    uploader_id: 3,
    is_active: 1,
    ...more,
  })
  insert(db, 'uploaded_files', [
    f(1, 'scan.pdf', { description: 'Скан акта' }),
    f(2, 'gone.pdf', { category_id: 2 }),
    f(3, 'deleted.pdf', { is_active: 0 }),
  ])
  db.exec('create table alembic_version (version_num varchar(32) not null)')
  insert(db, 'alembic_version', [{ version_num: 'abc123' }])
  db.close()
  return path
}

export function buildPto(path: string) {
  const db = fromSchema(path, 'pto_docs.schema.sql')
  insert(db, 'users', [
    { id: 1, username: 'sidorova', full_name: 'Сидорова Анна Викторовна', role: 'user' },
    { id: 2, username: 'novikova', full_name: 'Новикова Нина Николаевна', role: 'user' },
  ])
  insert(db, 'documents', [
    {
      id: 1,
      doc_number: 'аоср-1',
      doc_title: 'АКТ СКРЫТЫХ  РАБОТ №1',
      status: 'отправлен',
      created_by: 1,
    },
    {
      id: 2,
      doc_number: 'TEST-002',
      doc_title: 'Схема разметки',
      project_number: 'OBJ-001',
      doc_type: 'АОСР',
      issue_date: '2026-01-03',
      status: 'возвращен',
      created_by: 2,
    },
    { id: 3, doc_number: 'X-1', doc_title: 'Прочее', doc_type: 'что-то', status: 'в наличии' },
  ])
  insert(db, 'shipments', [
    { id: 1, doc_id: 1, recipient: 'ГКУ «Дороги»', shipment_date: '2026-01-10', shipped_by: 1 },
    { id: 2, doc_id: 2, recipient: 'Заказчик', shipment_date: '2026-01-04', shipped_by: 2 },
  ])
  insert(db, 'returns', [
    { id: 1, doc_id: 2, return_date: '2026-01-05', returned_by: 2, condition: 'с замечаниями' },
  ])
  db.close()
  return path
}

// The old PC's files as a user would copy them: in folders, not all of them there.
export async function buildFiles(dir: string) {
  mkdirSync(join(dir, 'remark_photos'), { recursive: true })
  mkdirSync(join(dir, 'files'), { recursive: true })
  const jpeg = (colour: string) =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: colour } })
      .jpeg()
      .toBuffer()
  writeFileSync(join(dir, 'remark_photos', 'before.jpg'), await jpeg('#b91c1c'))
  writeFileSync(join(dir, 'remark_photos', 'AFTER.JPG'), await jpeg('#15803d'))
  writeFileSync(
    join(dir, 'files', 'scan.pdf'),
    '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  )
  return dir
}

// Rows of every table of the app's database (the migration bookkeeping aside).
export async function tableCounts(t: TestDb): Promise<Record<string, number>> {
  const names =
    t.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(t.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = ${t.schema} and table_name not like 'kysely_%'`.execute(t.db)
  const out: Record<string, number> = {}
  for (const { name } of names.rows.sort((a, b) => a.name.localeCompare(b.name))) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(t.db)
    out[name] = Number(r.rows[0].n)
  }
  return out
}

// Rows per table of a legacy file, for «every row was read».
export function legacyCounts(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  const out: Record<string, number> = {}
  for (const { name } of db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .all() as { name: string }[])
    out[name] = (db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n
  db.close()
  return out
}
