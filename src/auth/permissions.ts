import type { Db } from '../db/connect.ts'
import type { Role } from './roles.ts'

// Named permissions. A later feature adds its own names here and to the role defaults.
export const PERMISSIONS = {
  'projects.read': 'Просмотр проектов',
  'projects.write': 'Создание и изменение проектов',
  'projects.delete': 'Удаление и восстановление проектов',
  'projects.members': 'Управление участниками проекта',
  'projects.all': 'Доступ ко всем проектам',
  'customers.read': 'Просмотр заказчиков',
  'customers.write': 'Создание и изменение заказчиков',
  'documents.read': 'Просмотр исполнительной документации',
  'documents.write': 'Ведение реестра ИД: документы, отправки, возвраты',
  'documents.types': 'Справочник типов ИД',
  'remarks.read': 'Просмотр замечаний строительного контроля',
  'remarks.create': 'Регистрация замечаний',
  'remarks.work': 'Работа по замечаниям: принять в работу, отметить исправленным',
  'remarks.verify': 'Проверка устранения: принять, вернуть в работу, закрыть, отклонить',
  'remarks.manage': 'Назначение исполнителя и срока, правка текста замечаний',
  'reference.write': 'Справочники разметки, материалов и бригад',
  'worklog.read': 'Просмотр журнала работ',
  'worklog.write': 'Внесение выполненных объёмов в журнал работ',
  'schedule.write': 'План ГПР: объёмы и сроки по материалам',
  'reports.weekly': 'Еженедельный отчёт ГПР',
  'stock.read': 'Просмотр склада: партии, остатки, движения, заявки',
  'stock.write': 'Складские операции: приход, выдача, возврат, списание, документы партий',
  'stock.consume': 'Подтверждение расхода материала по журналу работ',
  'stock.correct': 'Корректировка остатка партии (инвентаризация)',
  'requests.create': 'Заявки на материал: создание',
  'requests.approve': 'Заявки на материал: согласование и отклонение',
  'shifts.manage': 'Табель: смены сотрудников, исправление смен',
  'users.manage': 'Управление пользователями и группами',
  'audit.read': 'Просмотр журнала аудита',
  'locks.break': 'Снятие чужой блокировки редактирования',
} as const
export type Permission = keyof typeof PERMISSIONS

const READ: Permission[] = [
  'projects.read',
  'customers.read',
  'documents.read',
  'remarks.read',
  'worklog.read',
  'stock.read',
]

// Each role's defaults, from the widest to the narrowest. The database may override them.
export const ROLE_DEFAULTS: Record<Role, Permission[]> = {
  admin: Object.keys(PERMISSIONS) as Permission[],
  director: [
    ...READ,
    'projects.write',
    'projects.delete',
    'projects.members',
    'projects.all',
    'customers.write',
    'documents.write',
    'remarks.work',
    'remarks.manage',
    'worklog.write',
    'schedule.write',
    'reports.weekly',
    'requests.approve',
    'shifts.manage',
    'audit.read',
    'locks.break',
  ],
  project_manager: [
    ...READ,
    'projects.write',
    'projects.members',
    'customers.write',
    'documents.write',
    'remarks.work',
    'remarks.manage',
    'worklog.write',
    'schedule.write',
    'requests.create',
    'requests.approve',
  ],
  site_chief: [
    ...READ,
    'shifts.manage',
    'remarks.work',
    'remarks.manage',
    'worklog.write',
    'schedule.write',
    'stock.consume',
    'requests.create',
  ],
  pto_engineer: [...READ, 'customers.write', 'documents.write', 'remarks.work', 'reference.write'],
  foreman: [...READ, 'remarks.work', 'worklog.write', 'stock.consume', 'requests.create'],
  storekeeper: [...READ, 'stock.write', 'stock.consume'],
  // External construction control: registers remarks and verifies fixes on the projects given.
  inspector: ['projects.read', 'remarks.read', 'remarks.create', 'remarks.verify'],
  viewer: [...READ],
}

export type PermissionSet = ReadonlySet<Permission>

// Role overrides are read once and cached per process; changeRolePermission clears the cache
// (and, from the live issue on, the bus clears it on every process).
// Keyed by database handle: a test process may hold several databases at once.
const caches = new WeakMap<Db, Map<Role, PermissionSet>>()
let generation = 0
const seen = new WeakMap<Db, number>()

export function invalidatePermissions() {
  generation++
}

export async function permissionsOf(db: Db, role: Role): Promise<PermissionSet> {
  let cache = seen.get(db) === generation ? caches.get(db) : undefined
  if (!cache) {
    const overrides = await db.selectFrom('role_permissions').selectAll().execute()
    const next = new Map<Role, PermissionSet>()
    for (const r of Object.keys(ROLE_DEFAULTS) as Role[]) {
      const set = new Set<Permission>(ROLE_DEFAULTS[r])
      for (const o of overrides.filter((o) => o.role === r)) {
        if (!(o.permission in PERMISSIONS)) continue
        if (o.granted) set.add(o.permission as Permission)
        else set.delete(o.permission as Permission)
      }
      next.set(r, set)
    }
    cache = next
    caches.set(db, next)
    seen.set(db, generation)
  }
  return cache.get(role) ?? new Set()
}

export async function setRolePermission(
  db: Db,
  role: Role,
  permission: Permission,
  granted: boolean,
) {
  await db
    .insertInto('role_permissions')
    .values({ role, permission, granted: granted ? 1 : 0 })
    .onConflict((oc) =>
      oc.columns(['role', 'permission']).doUpdateSet({ granted: granted ? 1 : 0 }),
    )
    .execute()
  invalidatePermissions()
}
