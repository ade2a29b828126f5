import { formatDate, formatDateTime, formatNumber } from '../lib/format.ts'

// Field-by-field reading of an audit row's before/after JSON: what the browser, the entry
// page and the export show instead of two blobs.

// Russian names of common columns; a column not named here is shown as it is stored.
export const FIELD_LABELS: Record<string, string> = {
  name: 'Наименование',
  short_name: 'Краткое наименование',
  full_name: 'ФИО',
  login: 'Логин',
  email: 'Эл. почта',
  phone: 'Телефон',
  company: 'Организация',
  department: 'Подразделение',
  position: 'Должность',
  role: 'Роль',
  is_active: 'Активен',
  must_change_password: 'Сменить пароль при входе',
  status: 'Статус',
  state: 'Состояние',
  title: 'Заголовок',
  number: 'Номер',
  code: 'Шифр',
  quantity: 'Количество',
  unit: 'Единица',
  description: 'Описание',
  comment: 'Комментарий',
  comments: 'Комментарии',
  notes: 'Примечания',
  reason: 'Причина',
  priority: 'Приоритет',
  deadline: 'Срок',
  location: 'Место',
  recipient: 'Получатель',
  inn: 'ИНН',
  address: 'Адрес',
  contact_info: 'Контакты',
  contractor: 'Подрядчик',
  start_date: 'Начало',
  end_date: 'Окончание',
  work_date: 'Дата работ',
  metres: 'Длина, м',
  pieces: 'Штук',
  area_m2: 'Площадь, м²',
  width_m: 'Ширина, м',
  manufacturer: 'Изготовитель',
  supplier: 'Поставщик',
  expires_on: 'Годен до',
  needed_by: 'Нужно к',
  decision_reason: 'Основание решения',
  project_id: 'Проект №',
  customer_id: 'Заказчик №',
  user_id: 'Пользователь №',
  group_id: 'Группа №',
  assignee_id: 'Исполнитель №',
  material_id: 'Материал №',
  version: 'Версия',
  created_at: 'Создано',
  created_by: 'Создал (№)',
  updated_at: 'Изменено',
  updated_by: 'Изменил (№)',
  deleted_at: 'Удалено',
}

export const fieldLabel = (key: string) => FIELD_LABELS[key] ?? key

// Bookkeeping every saved row changes, and which the entry's own columns already say (who,
// when, which record): left out unless nothing else changed. The entry page has the full JSON.
const BOOKKEEPING = new Set([
  'id',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
])

export interface FieldChange {
  key: string
  label: string
  before?: string // absent: the field was not there (a new record, an added field)
  after?: string // absent: the field is gone (a removed record or link)
}

export function parseStored(v: string | null): unknown {
  if (v == null) return undefined
  try {
    return JSON.parse(v)
  } catch {
    return v
  }
}

// A value as a person reads it: decimals with a comma (0,5; integers stay bare, they are often
// ids), dates as 26.11.2026 and moments as 26.11.2026 14:05 Moscow time, other text as is,
// anything else as compact JSON.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatNumber(v, 6)
  if (typeof v === 'string') {
    if (v === '') return '«»'
    if (ISO_DATE.test(v)) return formatDate(v)
    if (ISO_MOMENT.test(v)) return formatDateTime(v)
    return v
  }
  if (typeof v === 'boolean') return v ? 'да' : 'нет'
  return JSON.stringify(v)
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const empty = (v: unknown) => v === null || v === undefined || v === ''

const listOf = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : null)

// Only what changed. A new record lists its filled fields; a removed one, what it held.
// A list of rows (a day's work-log lines) is read row by row: one row as its fields, several
// as «№ 1», «№ 2»…; any other value (a number, text) is one change named «значение».
export function diffValues(before: unknown, after: unknown): FieldChange[] {
  if (before === undefined && after === undefined) return []
  const [lb, la] = [listOf(before), listOf(after)]
  if (lb && la) {
    if (lb.length <= 1 && la.length <= 1) return diffValues(lb[0], la[0])
    return Array.from({ length: Math.max(lb.length, la.length) }, (_, i) => ({
      key: String(i + 1),
      label: `№ ${i + 1}`,
      ...(i < lb.length ? { before: showValue(lb[i]) } : {}),
      ...(i < la.length ? { after: showValue(la[i]) } : {}),
    })).filter((c) => c.before !== c.after)
  }
  if (!isRecord(before ?? {}) || !isRecord(after ?? {})) {
    return [
      {
        key: '',
        label: 'значение',
        ...(before === undefined ? {} : { before: showValue(before) }),
        ...(after === undefined ? {} : { after: showValue(after) }),
      },
    ]
  }
  const b = (before ?? {}) as Record<string, unknown>
  const a = (after ?? {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  const changes: FieldChange[] = []
  for (const key of keys) {
    // A field on one side only, and empty there, is no change worth a line.
    const inB = key in b && (key in a || !empty(b[key]))
    const inA = key in a && (key in b || !empty(a[key]))
    if (!inB && !inA) continue
    if (inB && inA && JSON.stringify(b[key]) === JSON.stringify(a[key])) continue
    changes.push({
      key,
      label: fieldLabel(key),
      ...(inB ? { before: showValue(b[key]) } : {}),
      ...(inA ? { after: showValue(a[key]) } : {}),
    })
  }
  const people = changes.filter((c) => !BOOKKEEPING.has(c.key))
  return people.length ? people : changes
}

export const diffRow = (r: { before: string | null; after: string | null }) =>
  diffValues(parseStored(r.before), parseStored(r.after))

// One line per field for a spreadsheet cell: «Статус: new → in_progress».
export const diffText = (changes: FieldChange[]) =>
  changes
    .map((c) =>
      c.before !== undefined && c.after !== undefined
        ? `${c.label}: ${c.before} → ${c.after}`
        : c.after !== undefined
          ? `${c.label}: ${c.after}`
          : `${c.label}: ${c.before} (удалено)`,
    )
    .join('\n')
