import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import bcrypt from 'bcryptjs'
import { REPO_ROOT } from './server-process.ts'

// A large, realistic pair of the desktop app's files for the import benchmark: built from the
// real schemas in ../shared/legacy with the quirks of its README (bcrypt hashes, Python-repr
// permissions, daily_data JSON strings, enum names in upper case, Moscow local timestamps,
// names instead of ids, PTO documents that repeat main ones, missing parents and files).
// Deterministic: the same scale gives the same files.

export const LEGACY_DIR = join(REPO_ROOT, 'tests', 'fixtures', 'legacy') // copies of ../shared/legacy

export interface LegacyScale {
  users: number
  userSessions: number
  customers: number
  objects: number
  gprRecords: number
  daysPerRecord: number
  documents: number
  shipments: number
  returns: number
  remarks: number
  history: number
  photos: number
  materials: number
  requests: number
  weeklyReports: number
  workSessions: number
  uploadedFiles: number
  ptoUsers: number
  ptoDocuments: number
  ptoDuplicates: number // of ptoDocuments: the same number + title as a main document
  ptoShipments: number
  ptoReturns: number
}

export const FULL_SCALE: LegacyScale = {
  users: 100,
  userSessions: 200,
  customers: 200,
  objects: 400,
  gprRecords: 2000,
  daysPerRecord: 40,
  documents: 10_000,
  shipments: 20_000,
  returns: 8000,
  remarks: 8000,
  history: 25_000,
  photos: 5000,
  materials: 50,
  requests: 1000,
  weeklyReports: 52,
  workSessions: 5000,
  uploadedFiles: 300,
  ptoUsers: 20,
  ptoDocuments: 3000,
  ptoDuplicates: 1000,
  ptoShipments: 3000,
  ptoReturns: 1000,
}

// Every count times f (at least 1; days per record and the 10 document types stay as they are).
export function scaleOf(f: number): LegacyScale {
  const out = { ...FULL_SCALE }
  for (const k of Object.keys(out) as (keyof LegacyScale)[])
    if (k !== 'daysPerRecord') out[k] = Math.max(1, Math.round(FULL_SCALE[k] * f))
  return out
}

export interface LegacyFiles {
  main: string
  pto: string
  rows: Record<string, number> // per table ('main.users' …), plus 'main.gpr_records.daily_data'
  total: number
  bytes: { main: number; pto: number }
  seconds: number
}

// mulberry32: small, fast and seeded.
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const DAY_MS = 86_400_000
const BASE = Date.UTC(2024, 2, 1) // the old app's first records

// Moscow wall time as the old app wrote it: '2025-04-01 09:12:53' (sometimes with microseconds).
function stamp(ms: number, micro = false) {
  const d = new Date(ms)
  const s =
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
  return micro ? `${s}.${pad(ms % 1000, 3)}${pad((ms * 7) % 1000, 3)}` : s
}
const day = (ms: number) => stamp(ms).slice(0, 10)

const SURNAMES = [
  'Петров',
  'Иванов',
  'Сидоров',
  'Кузнецов',
  'Смирнов',
  'Попов',
  'Васильев',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
]
const FIRST = [
  'Пётр',
  'Иван',
  'Анна',
  'Кирилл',
  'Дмитрий',
  'Сергей',
  'Ольга',
  'Николай',
  'Юрий',
  'Мария',
]
const PATRONYMIC = ['Петрович', 'Иванович', 'Сергеевич', 'Андреевич', 'Олегович']
const POSITIONS = [
  'Прораб участка',
  'Инженер ПТО',
  'Начальник участка №2',
  'Кладовщик',
  'Мастер',
  'Водитель',
  'Руководитель проекта',
  null,
]
const SLUGS = ['kraska_b', 'kraska_ch', 'vremyanka', 'kraska_j', 'hp', 'hpj', 'tp', 'demarkirovka']
const DOC_TYPES: [string, string][] = [
  ['Исполнительный чертеж', 'ИЧ'],
  ['Акт скрытых работ', 'АОСР'],
  ['Журнал производства работ', 'ЖПР'],
  ['Ведомость объемов работ', 'ВОР'],
  ['Исполнительная съемка', 'ИС'],
  ['Протокол испытаний', 'ПИ'],
  ['Дефектная ведомость', 'ДВ'],
  ['Акт приемки', 'АП'],
  ['Фотоотчет', 'ФО'],
  ['Прочая документация', 'ПР'],
]
const PTO_TYPES = ['АОСР', 'Исполнительная схема', 'ВОР', 'акт приемки', 'что-то своё', null]
const CONDITIONS = ['Подписан', 'С замечаниями', 'Не подписан', 'Утерян лист 3']
const REMARK_PATH = ['NEW', 'IN_PROGRESS', 'FIXED', 'VERIFIED', 'CLOSED']
const MATERIAL_NAMES = ['Краска б', 'тп', 'ХП', 'Растворитель', 'Стеклошарики', 'Грунтовка']

// A new SQLite file with the legacy schema (sqlite_sequence is SQLite's own and made by it).
function fromSchema(path: string, schemaFile: string) {
  const db = new Database(path)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('foreign_keys = OFF') // the old data has rows whose parent is gone
  db.exec(
    readFileSync(join(LEGACY_DIR, schemaFile), 'utf8').replace(
      /CREATE TABLE sqlite_sequence\(name,seq\);/,
      '',
    ),
  )
  return db
}

// One prepared insert per table; the columns are those of the first row.
function inserter(db: Database.Database, counts: Record<string, number>, prefix: string) {
  const stmts = new Map<string, Database.Statement>()
  return (table: string, row: Record<string, unknown>) => {
    let s = stmts.get(table)
    if (!s) {
      const cols = Object.keys(row)
      s = db.prepare(
        `insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`,
      )
      stmts.set(table, s)
    }
    s.run(row)
    counts[`${prefix}.${table}`] = (counts[`${prefix}.${table}`] ?? 0) + 1
  }
}

export function generateLegacy(dir: string, scale: LegacyScale = FULL_SCALE): LegacyFiles {
  const started = performance.now()
  const r = rng(20261126)
  const counts: Record<string, number> = {}
  const mainPath = join(dir, 'strod_service_tech.db')
  const ptoPath = join(dir, 'pto_docs.db')
  const main = fromSchema(mainPath, 'strod_service_tech.schema.sql')
  const ins = inserter(main, counts, 'main')
  const s = scale

  const people: { login: string; full: string; short: string }[] = []
  const objectCodes: string[] = []
  const objectNames: string[] = []
  const customerNames: string[] = []
  const docs: { number: string; title: string }[] = []
  const firstShipment = new Map<number, { at: number; recipient: string }>()

  main.transaction(() => {
    // users: bcryptjs at cost 4 (the old app used passlib's default 12: 4 keeps this quick; the
    // import stores the hash as it is and never verifies it, so the cost changes nothing here).
    for (let i = 1; i <= s.users; i++) {
      const sur = SURNAMES[(i - 1) % SURNAMES.length]
      const first = FIRST[Math.floor((i - 1) / SURNAMES.length) % FIRST.length]
      const patr = PATRONYMIC[Math.floor((i - 1) / (SURNAMES.length * FIRST.length)) % 5]
      const female = ['Анна', 'Ольга', 'Мария'].includes(first)
      const surname = female ? `${sur}а` : sur
      const full = `${surname} ${first} ${female ? patr.replace(/ич$/, 'на') : patr}`
      const login = i === 1 ? 'Admin' : `user${pad(i, 3)}`
      people.push({ login, full, short: `${surname} ${first[0]}.${patr[0]}.` })
      const created = BASE + r.int(0, 300) * DAY_MS + r.int(0, 86_399) * 1000
      ins('users', {
        id: i,
        username: login,
        email: i % 10 === 0 ? null : `${login.toLowerCase()}@strod.example`,
        hashed_password: bcrypt.hashSync(`пароль-${i}`, 4),
        full_name: full,
        position: i === 1 ? 'Администратор' : POSITIONS[i % POSITIONS.length],
        department: i % 3 === 0 ? 'Участок №' + ((i % 5) + 1) : null,
        is_active: i % 17 === 0 ? 0 : 1,
        is_admin: i === 1 ? 1 : 0,
        permissions: [
          null,
          '{}',
          "{'read': True, 'write': False}",
          "{'docs': ['a', 'b'], 'note': 'it\\'s', 'n': None}",
        ][i % 4],
        created_at: stamp(created),
        updated_at: i % 2 ? stamp(created + DAY_MS * 30) : null,
      })
    }
    for (let i = 1; i <= s.userSessions; i++)
      ins('user_sessions', {
        id: i,
        user_id: r.int(1, s.users),
        session_token: `token-${i}`,
        expires_at: stamp(BASE + i * 3_600_000),
      })

    for (let i = 1; i <= s.customers; i++) {
      const name = `${r.pick(['ГКУ', 'ФКУ', 'ООО', 'АО', 'МКУ'])} «Дорожный заказчик ${i}»`
      customerNames.push(name)
      ins('customers', {
        id: i,
        customer_id: `CUST-${pad(i, 4)}`,
        name,
        contact_info: i % 3 ? `+7 495 ${pad(i, 3)}-00-${pad(i % 100, 2)}` : null,
        created_at: stamp(BASE + i * 3_600_000),
        updated_at: null,
      })
    }

    for (let i = 1; i <= s.objects; i++) {
      // One in twenty has an object id the project code rule refuses (→ ОБЪЕКТ-<id>).
      const code = i % 20 === 0 ? `Объект №${i} (старый)` : `OBJ-${pad(i, 4)}`
      const name = `${r.pick(['Р-22 «Каспий»', 'М-4 «Дон»', 'А-107', 'Подъезд к г. Липецк', 'ул. Ленина'])}, км ${i}–${i + r.int(1, 15)}`
      objectCodes.push(code)
      objectNames.push(name)
      ins('project_objects', {
        id: i,
        object_id: code,
        name,
        location: i % 2 ? `${r.pick(['Тамбовская', 'Липецкая', 'Воронежская'])} обл.` : null,
        description: i % 4 === 0 ? 'Ремонт разметки' : null,
        created_at: stamp(BASE + i * 7_200_000),
        updated_at: null,
      })
    }

    // gpr_records with ~40 days each in daily_data (a JSON string): some days as strings,
    // with a comma, or zero; a few rows with no days, bad JSON, or a fact above their days.
    let dayLines = 0
    for (let i = 1; i <= s.gprRecords; i++) {
      const object = i % 250 === 0 ? 99_999 : r.int(1, s.objects)
      const start = BASE + r.int(30, 500) * DAY_MS
      const days: Record<string, number | string> = {}
      let sum = 0
      const kind = i % 200
      if (kind !== 1 && kind !== 2)
        for (let d = 0; d < s.daysPerRecord; d++) {
          const v = r.chance(0.03) ? 0 : Math.round(r.next() * 4900 + 100) / 10
          sum += v
          days[day(start + d * DAY_MS)] = r.chance(0.05) ? String(v).replace('.', ',') : v
          dayLines++
        }
      const daily = kind === 1 ? (i % 400 === 1 ? 'not json' : null) : kind === 2 ? '{}' : days
      ins('gpr_records', {
        id: i,
        customer_id: ((object - 1) % s.customers) + 1,
        object_id: object,
        work_type: r.pick(SLUGS),
        volume_plan: Math.round(sum * 1.3) || 500,
        volume_fact: Math.round(sum * 10) / 10 + (i % 10 === 0 ? 75 : 0),
        volume_remainder: null,
        progress: null,
        daily_data: typeof daily === 'string' || daily == null ? daily : JSON.stringify(daily),
        created_at: stamp(start - DAY_MS),
        updated_at: stamp(start + s.daysPerRecord * DAY_MS),
      })
    }
    counts['main.gpr_records.daily_data'] = dayLines

    for (const [i, [name]] of DOC_TYPES.entries())
      ins('document_types', { id: i + 1, name, created_at: stamp(BASE) })

    // documents: the project as free text — mostly the object id, some the legacy numeric id,
    // some words no project has (→ the «no object» project).
    const statusOf = new Map<number, string>()
    for (let i = 1; i <= s.documents; i++) {
      const t = r.int(0, DOC_TYPES.length - 1)
      const object = r.int(1, s.objects)
      const project =
        i % 10 === 0
          ? `участок у моста ${i % 7}`
          : i % 20 === 1
            ? String(object)
            : objectCodes[object - 1]
      const number = `${DOC_TYPES[t][1]}-${pad(i, 5)}`
      const title = `${DOC_TYPES[t][0]} №${i}, ${objectNames[object - 1]}`
      docs.push({ number, title })
      statusOf.set(i, 'in_office')
      ins('documents', {
        id: i,
        doc_number: number,
        title,
        project_id: project,
        document_type_id: t + 1,
        status: 'in_office',
        created_at: stamp(BASE + i * 1_800_000, i % 3 === 0),
        updated_at: null,
      })
    }
    const shipped: number[] = []
    for (let i = 1; i <= s.shipments; i++) {
      const doc = i <= s.documents * 0.8 ? i : r.int(1, s.documents) // most documents go out once
      const at = BASE + (doc * 1_800_000 + r.int(1, 60) * DAY_MS)
      const recipient = customerNames[(doc + r.int(0, 2)) % customerNames.length]
      if (!firstShipment.has(doc)) firstShipment.set(doc, { at, recipient })
      shipped.push(doc)
      statusOf.set(doc, 'shipped')
      ins('document_shipments', {
        id: i,
        document_id: i % 500 === 0 ? 99_999 : doc,
        recipient,
        shipment_date: stamp(at),
        notes: i % 5 === 0 ? 'Курьером' : null,
        created_at: stamp(at),
      })
    }
    for (let i = 1; i <= s.returns; i++) {
      const doc = shipped[i - 1] ?? r.pick(shipped)
      const at = (firstShipment.get(doc)?.at ?? BASE) + r.int(1, 30) * DAY_MS
      statusOf.set(doc, 'returned')
      ins('document_returns', {
        id: i,
        document_id: doc,
        return_date: stamp(at),
        condition: r.pick(CONDITIONS),
        notes: null,
        created_at: stamp(at),
      })
    }
    const setStatus = main.prepare('update documents set status = ? where id = ?')
    for (const [id, st] of statusOf) if (st !== 'in_office') setStatus.run(st, id)

    // remarks, their history (a path along NEW → … with the status reached) and photos.
    const lastAt = new Map<number, number>()
    let hid = 0
    const history = (remark: number, old: string | null, now: string, at: number, by: string) => {
      ins('remark_history', {
        id: ++hid,
        remark_id: remark,
        old_status: old,
        new_status: now,
        comment: old ? `${old} → ${now}` : 'Создано',
        changed_by: by,
        changed_at: stamp(at, hid % 4 === 0),
      })
      lastAt.set(remark, at)
    }
    const personName = () => {
      const p = r.pick(people)
      return r.pick([p.short, p.full, p.login, 'Строительный контроль', 'Субподрядчик ООО «Знак»'])
    }
    const perRemark = Math.max(1, Math.floor(s.history / s.remarks))
    for (let i = 1; i <= s.remarks; i++) {
      const steps = Math.min(REMARK_PATH.length, r.int(1, 2 * perRemark - 1))
      const rejected = r.chance(0.1)
      const status = rejected ? 'REJECTED' : REMARK_PATH[steps - 1]
      const created = BASE + r.int(0, 600) * DAY_MS + r.int(0, 86_399) * 1000
      const by = personName()
      ins('construction_remarks', {
        id: i,
        remark_number: `REM-${pad(i, 5)}`,
        project_object_id: i % 100 === 0 ? 99_999 : r.int(1, s.objects),
        title: `Замечание ${i}: ${r.pick(['стёрта разметка', 'нет знака', 'неровная линия', 'грязь'])}`,
        description: 'Выявлено при обходе объекта',
        status,
        priority: r.pick(['low', 'normal', 'high', 'critical', 'medium']),
        assigned_to: i % 5 === 0 ? null : personName(),
        deadline: i % 3 ? stamp(created + 14 * DAY_MS, true) : null,
        created_by: by,
        created_at: stamp(created),
        updated_at: stamp(created + steps * DAY_MS),
      })
      if (hid >= s.history) continue
      if (i % 13 !== 0) history(i, null, 'NEW', created, by) // some have no creation entry
      if (rejected) history(i, 'NEW', 'REJECTED', created + DAY_MS, personName())
      else
        for (let k = 1; k < steps && hid < s.history; k++)
          history(i, REMARK_PATH[k - 1], REMARK_PATH[k], created + k * DAY_MS, personName())
    }
    // Up to the wanted count: comments that repeat the status, and a few with no remark.
    while (hid < s.history) {
      const remark = hid % 250 === 0 ? 99_999 : r.int(1, s.remarks)
      const at = (lastAt.get(remark) ?? BASE) + 3_600_000
      history(remark, 'IN_PROGRESS', 'IN_PROGRESS', at, personName())
    }
    for (let i = 1; i <= s.photos; i++) {
      const remark = i % 300 === 0 ? 99_999 : r.int(1, s.remarks)
      const filename = `IMG_${pad(i, 5)}.jpg`
      ins('remark_photos', {
        id: i,
        remark_id: remark,
        file_path: `C:\\StrodService\\uploads\\remark_photos\\${filename}`,
        filename,
        file_size: r.int(200_000, 4_000_000),
        description: i % 2 ? 'Фото с объекта' : null,
        created_by: personName(),
        created_at: stamp((lastAt.get(remark) ?? BASE) + r.int(-3, 3) * 3_600_000),
      })
    }

    for (let i = 1; i <= s.materials; i++)
      ins('materials', {
        id: i,
        name: MATERIAL_NAMES[i - 1] ?? `Материал ${i}`,
        description: i % 2 ? 'со склада' : null,
        created_at: stamp(BASE),
        updated_at: null,
      })
    for (let i = 1; i <= s.materials; i++)
      ins('material_stocks', {
        id: i,
        material_id: i,
        quantity: i % 10 === 0 ? 0 : r.int(10, 5000),
        reserved_quantity: r.int(0, 50),
        min_threshold: r.int(0, 100),
        location: `Стеллаж ${i % 8}`,
        last_updated: stamp(BASE + 400 * DAY_MS),
        created_at: stamp(BASE + 10 * DAY_MS),
      })
    for (let i = 1; i <= s.requests; i++) {
      const p = r.pick(people)
      const status = r.pick(['pending', 'approved', 'rejected', 'fulfilled', 'APPROVED', 'pending'])
      const at = BASE + r.int(0, 600) * DAY_MS
      ins('material_requests', {
        id: i,
        material_id: i % 200 === 0 ? 999 : r.int(1, s.materials),
        requested_quantity: r.int(10, 500),
        available_quantity: r.int(0, 100),
        needed_quantity: r.int(10, 400),
        section_id: null,
        section_name: i % 4 === 0 ? `Участок ${i % 5}` : null,
        project_id: r.chance(0.8) ? r.pick(objectCodes) : 'где-то',
        reason: 'На неделю работ',
        status,
        requested_by: r.pick([p.login, p.full, 'Чужой Человек']),
        requester_id: i % 3 === 0 ? r.int(1, s.users) : null,
        approved_by: status === 'pending' ? null : personName(),
        approved_at: status === 'pending' ? null : stamp(at + DAY_MS),
        fulfilled_at: status === 'fulfilled' ? stamp(at + 3 * DAY_MS) : null,
        created_at: stamp(at),
        updated_at: null,
      })
    }
    for (let i = 1; i <= s.weeklyReports; i++) {
      const week = BASE + 7 * i * DAY_MS
      ins('weekly_reports', {
        id: i,
        week_start_date: stamp(week),
        report_data: JSON.stringify(
          SLUGS.slice(0, 4).map((m) => ({
            material: m,
            plan: r.int(1000, 9000),
            fact: r.int(0, 900),
          })),
        ),
        created_by: r.pick(people).full,
        created_at: stamp(week + 4 * DAY_MS),
      })
    }
    // work_sessions: a working day each, the last one of some users still open.
    const perUser = Math.ceil(s.workSessions / s.users)
    for (let i = 1; i <= s.workSessions; i++) {
      const user = ((i - 1) % s.users) + 1
      const n = Math.floor((i - 1) / s.users)
      const start = BASE + n * DAY_MS + 5 * 3_600_000 + r.int(0, 3600) * 1000
      const open = n === perUser - 1 && user % 5 === 0
      ins('work_sessions', {
        id: i,
        user_id: i % 1000 === 0 ? 9999 : user,
        start_time: stamp(start, i % 7 === 0),
        end_time: open ? null : stamp(start + r.int(6, 10) * 3_600_000),
        is_active: open ? 1 : 0,
        created_at: stamp(start),
        updated_at: null,
      })
    }
    for (const [i, name] of ['Фотоотчет', 'Разное'].entries())
      ins('file_categories', { id: i + 1, name, created_at: stamp(BASE) })
    for (let i = 1; i <= s.uploadedFiles; i++) {
      const filename = `scan_${pad(i, 4)}.pdf`
      ins('uploaded_files', {
        id: i,
        filename,
        original_filename: `Скан ${i}.pdf`,
        file_path: `C:\\StrodService\\uploads\\files\\${filename}`,
        file_size: r.int(50_000, 5_000_000),
        content_type: 'application/pdf',
        category_id: (i % 2) + 1,
        section_id: null,
        section_name: null,
        project_id: r.pick(objectCodes),
        uploaded_by: r.pick(people).full,
        uploader_id: r.int(1, s.users),
        description: null,
        is_active: i % 10 === 0 ? 0 : 1,
        created_at: stamp(BASE + i * DAY_MS),
        updated_at: null,
      })
    }
  })()
  main.close()

  // pto_docs.db: its own users (half of them the main file's people), documents of which
  // ptoDuplicates repeat a main one (number and title in other case and spacing), and their
  // shipments and returns — half of a duplicate's shipments the same as the main file's.
  const pto = fromSchema(ptoPath, 'pto_docs.schema.sql')
  const insPto = inserter(pto, counts, 'pto')
  pto.transaction(() => {
    for (let i = 1; i <= s.ptoUsers; i++) {
      const p = people[(i * 3) % people.length]
      const same = i % 2 === 0
      insPto('users', {
        id: i,
        username: same ? p.login : `pto${i}`,
        full_name: same ? p.full : `Сотрудник ПТО ${i}`,
        role: i === 1 ? 'admin' : 'user',
        created_at: stamp(BASE),
      })
    }
    const dupOf = new Map<number, number>()
    const step = Math.max(1, Math.floor(docs.length / s.ptoDuplicates))
    for (let i = 1; i <= s.ptoDocuments; i++) {
      const dup = i <= s.ptoDuplicates ? Math.min(docs.length, (i - 1) * step + 1) : null
      if (dup) dupOf.set(i, dup)
      const d = dup ? docs[dup - 1] : null
      insPto('documents', {
        id: i,
        doc_number: d ? d.number.toLowerCase() : `ПТО-${pad(i, 5)}`,
        doc_title: d ? d.title.toUpperCase().replace(/ /g, '  ') : `Исполнительная схема ${i}`,
        project_number: r.chance(0.7) ? r.pick(objectCodes) : null,
        issue_date: day(BASE + r.int(0, 600) * DAY_MS),
        doc_type: r.pick(PTO_TYPES),
        status: r.pick(['в наличии', 'отправлен', 'возвращен']),
        created_by: r.int(1, s.ptoUsers),
        created_at: stamp(BASE + i * 3_600_000),
        updated_by: null,
        updated_at: null,
      })
    }
    for (let i = 1; i <= s.ptoShipments; i++) {
      const doc = ((i - 1) % s.ptoDocuments) + 1
      const main = dupOf.get(doc)
      const same = main && i % 2 === 0 ? firstShipment.get(main) : undefined
      insPto('shipments', {
        id: i,
        doc_id: doc,
        recipient: same?.recipient ?? r.pick(customerNames),
        shipment_date: day(same?.at ?? BASE + r.int(0, 600) * DAY_MS),
        shipped_by: r.int(1, s.ptoUsers),
        notes: null,
      })
    }
    for (let i = 1; i <= s.ptoReturns; i++)
      insPto('returns', {
        id: i,
        doc_id: r.int(1, s.ptoDocuments),
        return_date: day(BASE + r.int(300, 700) * DAY_MS),
        returned_by: r.int(1, s.ptoUsers),
        condition: r.pick(['подписан', 'с замечаниями', null]),
        notes: null,
      })
  })()
  pto.close()

  return {
    main: mainPath,
    pto: ptoPath,
    rows: counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    bytes: { main: statSync(mainPath).size, pto: statSync(ptoPath).size },
    seconds: Math.round((performance.now() - started) / 10) / 100,
  }
}
