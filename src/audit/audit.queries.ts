import { sql } from 'kysely'
import { z } from 'zod'
import type { Db } from '../db/connect.ts'
import { keysetPage } from '../lib/keyset.ts'

// Action families and their actions, as the filter offers them; the first part of an action
// names its family ('user.create' → 'user').
export const AUDIT_ACTIONS: [string, string, [string, string][]][] = [
  [
    'auth',
    'Вход и сеансы',
    [
      ['auth.login', 'Вход'],
      ['auth.login_failed', 'Неудачный вход'],
      ['auth.logout', 'Выход'],
      ['auth.logout_others', 'Завершение других сеансов'],
      ['session.revoke', 'Сеанс завершён администратором'],
    ],
  ],
  [
    'user',
    'Пользователи',
    [
      ['user.create', 'Создание пользователя'],
      ['user.update', 'Изменение профиля'],
      ['user.role', 'Смена роли'],
      ['user.password', 'Смена или сброс пароля'],
      ['user.deactivate', 'Отключение'],
      ['user.activate', 'Включение'],
      ['user.notifications', 'Настройки уведомлений'],
      ['user.password_rehash', 'Пароль из прежней программы перешифрован при входе'],
    ],
  ],
  [
    'group',
    'Группы',
    [
      ['group.create', 'Создание группы'],
      ['group.rename', 'Переименование группы'],
      ['group.member_add', 'Добавление в группу'],
      ['group.member_remove', 'Удаление из группы'],
    ],
  ],
  [
    'role',
    'Роли и права',
    [
      ['role.permission', 'Изменение прав роли'],
      ['role.reset', 'Сброс прав роли к умолчаниям'],
    ],
  ],
  [
    'customer',
    'Заказчики',
    [
      ['customer.create', 'Создание заказчика'],
      ['customer.update', 'Изменение заказчика'],
      ['customer.delete', 'Удаление заказчика'],
      ['customer.restore', 'Восстановление заказчика'],
    ],
  ],
  [
    'project',
    'Проекты',
    [
      ['project.create', 'Создание проекта'],
      ['project.update', 'Изменение проекта'],
      ['project.delete', 'Удаление проекта'],
      ['project.restore', 'Восстановление проекта'],
      ['project.member_add', 'Доступ к проекту выдан'],
      ['project.member_remove', 'Доступ к проекту отозван'],
    ],
  ],
  [
    'document',
    'Исполнительная документация',
    [
      ['document.create', 'Новый документ'],
      ['document.update', 'Изменение документа'],
      ['document.ship', 'Отправка документа'],
      ['document.return', 'Возврат документа'],
      ['document.file', 'Загрузка файла документа'],
      ['transmittal.create', 'Реестр передачи'],
      ['document_type.create', 'Новый тип ИД'],
      ['document_type.update', 'Изменение типа ИД'],
      ['document_type.delete', 'Тип ИД скрыт'],
      ['document_type.restore', 'Тип ИД возвращён'],
    ],
  ],
  [
    'remark',
    'Замечания',
    [
      ['remark.create', 'Регистрация замечания'],
      ['remark.update', 'Изменение замечания'],
      ['remark.status', 'Смена статуса замечания'],
      ['remark.comment', 'Комментарий к замечанию'],
      ['remark.photo', 'Фото к замечанию'],
    ],
  ],
  [
    'marking_type',
    'Типы разметки',
    [
      ['marking_type.create', 'Новый тип разметки'],
      ['marking_type.update', 'Изменение типа разметки'],
      ['marking_type.confirm', 'Тип разметки проверен'],
      ['marking_type.delete', 'Тип разметки скрыт'],
      ['marking_type.restore', 'Тип разметки возвращён'],
    ],
  ],
  [
    'worklog',
    'Журнал работ и ГПР',
    [
      ['worklog.create', 'Запись в журнал работ'],
      ['worklog.update', 'Исправление строки журнала'],
      ['worklog.delete', 'Удаление строки журнала'],
      ['worklog.restore', 'Восстановление строки журнала'],
    ],
  ],
  ['schedule', 'План ГПР', [['schedule.update', 'Изменение плана ГПР']]],
  ['weekly', 'Еженедельный отчёт', [['weekly.issue', 'Выпуск еженедельного отчёта']]],
  ['material', 'Материалы', [['material.update', 'Изменение материала']]],
  [
    'crew',
    'Бригады',
    [
      ['crew.create', 'Новая бригада'],
      ['crew.update', 'Изменение бригады'],
      ['crew.member_add', 'Добавление в бригаду'],
      ['crew.member_remove', 'Удаление из бригады'],
      ['crew.delete', 'Бригада скрыта'],
      ['crew.restore', 'Бригада возвращена'],
    ],
  ],
  [
    'stock',
    'Склад: движения',
    [
      ['stock.receipt', 'Приход'],
      ['stock.issue', 'Выдача'],
      ['stock.return', 'Возврат на склад'],
      ['stock.consumption', 'Расход по журналу'],
      ['stock.writeoff', 'Списание'],
      ['stock.correction', 'Корректировка остатка'],
    ],
  ],
  [
    'stock_batch',
    'Склад: партии',
    [
      ['stock_batch.create', 'Новая партия'],
      ['stock_batch.update', 'Изменение паспорта партии'],
      ['stock_batch.document', 'Документ партии'],
      ['stock_batch.block', 'Блокировка партии'],
      ['stock_batch.unblock', 'Разблокировка партии'],
    ],
  ],
  [
    'material_request',
    'Заявки на материал',
    [
      ['material_request.create', 'Новая заявка'],
      ['material_request.update', 'Изменение заявки'],
      ['material_request.submit', 'Заявка на согласование'],
      ['material_request.approve', 'Заявка согласована'],
      ['material_request.reject', 'Заявка отклонена'],
      ['material_request.cancel', 'Заявка отменена'],
      ['material_request.fulfil', 'Заявка исполнена'],
    ],
  ],
  [
    'shift',
    'Рабочие смены',
    [
      ['shift.start', 'Начало смены'],
      ['shift.end', 'Завершение смены'],
      ['shift.auto_close', 'Смена закрыта автоматически'],
      ['shift.update', 'Исправление смены'],
    ],
  ],
  [
    'legacy',
    'Импорт из прежней программы',
    [
      ['legacy.import', 'Импорт данных прежней программы'],
      ['material.create', 'Новый материал'],
      ['shift.import', 'Смена из прежней программы'],
    ],
  ],
  ['file', 'Файлы', [['file.upload', 'Загрузка файла']]],
  ['lock', 'Блокировки', [['lock.break', 'Снятие чужой блокировки']]],
  ['audit', 'Журнал аудита', [['audit.export', 'Выгрузка журнала аудита']]],
]

export const ACTION_LABELS: Record<string, string> = Object.fromEntries(
  AUDIT_ACTIONS.flatMap(([, , actions]) => actions),
)

export const ENTITY_TYPES: Record<string, string> = {
  user: 'Пользователь',
  group: 'Группа',
  role: 'Роль',
  session: 'Сеанс',
  customer: 'Заказчик',
  project: 'Проект',
  document: 'Документ ИД',
  transmittal: 'Реестр передачи',
  document_type: 'Тип ИД',
  file: 'Файл',
  remark: 'Замечание',
  marking_type: 'Тип разметки',
  material: 'Материал',
  crew: 'Бригада',
  worklog: 'Строка журнала работ',
  weekly_report: 'Еженедельный отчёт',
  stock_batch: 'Партия материала',
  material_request: 'Заявка на материал',
  legacy_import: 'Импорт из прежней программы',
  work_session: 'Рабочая смена',
  job: 'Фоновое задание',
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()))
  .optional()
  .catch(undefined)

export const auditQuery = z.object({
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)?$/)
    .max(60)
    .optional()
    .catch(undefined),
  entity: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  entity_id: z.string().trim().max(64).optional().catch(undefined),
  // 0: no user (the system, or a failed sign-in); an empty select value means everyone.
  user: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
  from: isoDay,
  to: isoDay,
  // Free text: a word of the values before/after, or the record's id.
  q: z
    .string()
    .trim()
    .max(200)
    .transform((s) => s || undefined)
    .optional()
    .catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type AuditQuery = z.output<typeof auditQuery>

// The filters an export or a link carries on (everything but the page cursor).
export const FILTER_KEYS = ['action', 'entity', 'entity_id', 'user', 'from', 'to', 'q'] as const

// A day typed by a user is a Moscow day; the log stores UTC instants.
const moscowDayStart = (day: string, plusDays = 0) =>
  new Date(new Date(`${day}T00:00:00+03:00`).getTime() + plusDays * 86_400_000).toISOString()

// Case-insensitive substring of a column's text; ё is read as е. Stored JSON is text on
// SQLite and jsonb on PostgreSQL, hence the cast. '!' escapes the user's own % and _.
const folded = (col: string) => sql`replace(lower(cast(${sql.ref(col)} as text)), 'ё', 'е')`
const likePattern = (text: string) =>
  `%${text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[!%_]/g, (ch) => `!${ch}`)}%`

// The rows the filters keep (no columns chosen yet): the page and the export's count share it.
function filtered(db: Db, q: AuditQuery) {
  let qb = db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.user_id')
  if (q.action) {
    const family = `${q.action}.`
    qb = qb.where((eb) =>
      eb.or([
        eb('audit_log.action', '=', q.action!),
        eb(sql`substr(${sql.ref('audit_log.action')}, 1, ${sql.lit(family.length)})`, '=', family),
      ]),
    )
  }
  if (q.entity) qb = qb.where('audit_log.entity_type', '=', q.entity)
  if (q.entity_id) qb = qb.where('audit_log.entity_id', '=', q.entity_id)
  if (q.user === 0) qb = qb.where('audit_log.user_id', 'is', null)
  else if (q.user) qb = qb.where('audit_log.user_id', '=', q.user)
  if (q.from) qb = qb.where('audit_log.at', '>=', moscowDayStart(q.from))
  if (q.to) qb = qb.where('audit_log.at', '<', moscowDayStart(q.to, 1))
  if (q.q) {
    const pattern = sql<string>`${likePattern(q.q)} escape '!'`
    qb = qb.where((eb) =>
      eb.or([
        eb('audit_log.entity_id', '=', q.q!),
        eb(folded('audit_log.before'), 'like', pattern),
        eb(folded('audit_log.after'), 'like', pattern),
      ]),
    )
  }
  return qb
}

const withActor = (qb: ReturnType<typeof filtered>) =>
  qb.selectAll('audit_log').select(['users.full_name as user_name', 'users.login as user_login'])

// Newest first, with the actor's name joined in (one query for the whole page).
export async function listAudit(db: Db, q: AuditQuery, limit = 50) {
  return keysetPage(
    withActor(filtered(db, q)),
    { column: 'audit_log.id', dir: 'desc', idColumn: 'audit_log.id' },
    q.after,
    (r) => [r.id, r.id],
    limit,
  )
}

export async function countAudit(db: Db, q: AuditQuery) {
  const r = await filtered(db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
export type AuditListRow = Awaited<ReturnType<typeof listAudit>>['rows'][number]

export async function findAudit(db: Db, id: number): Promise<AuditListRow | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const row = await withActor(filtered(db, {})).where('audit_log.id', '=', id).executeTakeFirst()
  return row ?? null
}
