import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import type { Db } from '../db/connect.ts'
import type { Database } from '../db/database.ts'
import { ROLES, isRole, type Role } from './roles.ts'

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
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[]

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
  admin: PERMISSION_NAMES,
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
export type RoleSets = ReadonlyMap<Role, PermissionSet>

export const isPermission = (v: string): v is Permission => v in PERMISSIONS

// Rows of the roles × permissions matrix, by area. A permission added later without an area
// still shows, under «Прочее».
const AREAS: [string, Permission[]][] = [
  [
    'Проекты',
    ['projects.read', 'projects.write', 'projects.delete', 'projects.members', 'projects.all'],
  ],
  ['Заказчики', ['customers.read', 'customers.write']],
  ['ИД', ['documents.read', 'documents.write', 'documents.types']],
  [
    'Замечания',
    ['remarks.read', 'remarks.create', 'remarks.work', 'remarks.verify', 'remarks.manage'],
  ],
  ['Журнал и ГПР', ['worklog.read', 'worklog.write', 'schedule.write', 'reports.weekly']],
  [
    'Склад',
    [
      'stock.read',
      'stock.write',
      'stock.consume',
      'stock.correct',
      'requests.create',
      'requests.approve',
    ],
  ],
  ['Справочники', ['reference.write']],
  ['Администрирование', ['users.manage', 'shifts.manage', 'audit.read', 'locks.break']],
]

export function permissionAreas(): [string, Permission[]][] {
  const placed = new Set(AREAS.flatMap(([, ps]) => ps))
  const rest = PERMISSION_NAMES.filter((p) => !placed.has(p))
  return rest.length ? [...AREAS, ['Прочее', rest]] : AREAS
}

// Whoever administers must stay able to: the admin role always keeps users.manage, whatever
// the table says.
const isLocked = (role: Role, p: Permission) => role === 'admin' && p === 'users.manage'

// Each role's defaults with the stored overrides applied.
export async function loadRoleSets(db: Kysely<Database>): Promise<RoleSets> {
  const overrides = await db.selectFrom('role_permissions').selectAll().execute()
  const sets = new Map(ROLES.map((r) => [r, new Set<Permission>(ROLE_DEFAULTS[r])]))
  for (const o of overrides) {
    if (!isRole(o.role) || !isPermission(o.permission) || isLocked(o.role, o.permission)) continue
    if (o.granted) sets.get(o.role)!.add(o.permission)
    else sets.get(o.role)!.delete(o.permission)
  }
  return sets
}

// Role sets are cached per process and database handle. Every write stores a new stamp in
// `settings` in its own transaction, and every lookup reads it (one primary-key read per
// request): so a change holds from the next request on every process, whether or not a bus
// connects them (SQLite processes sharing a file have none), and without racing a NOTIFY.
const STAMP = 'permissions_stamp'
const caches = new WeakMap<Db, { stamp: string; local: number; sets: RoleSets }>()
let local = 0

export function invalidatePermissions() {
  local++
}

export async function permissionsOf(db: Db, role: Role): Promise<PermissionSet> {
  // The stamp first: a write landing between the two reads costs one more reload, never a
  // stale cache under a fresh stamp.
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', STAMP)
    .executeTakeFirst()
  const stamp = row?.value ?? ''
  let cache = caches.get(db)
  if (!cache || cache.stamp !== stamp || cache.local !== local) {
    cache = { stamp, local, sets: await loadRoleSets(db) }
    caches.set(db, cache)
  }
  return cache.sets.get(role) ?? new Set()
}

// A change that would leave nobody able to administer; the message is for the admin.
export class LockoutError extends Error {}

export interface CellChange {
  role: Role
  permission: Permission
  granted: boolean
}

// Sets the given cells (those already so are skipped); returns how many cells changed.
export async function changeRolePermissions(db: Db, actor: Actor, changes: CellChange[]) {
  return db.transaction().execute(async (trx) => {
    const current = await loadRoleSets(trx)
    const next = new Map([...current].map(([r, s]) => [r, new Set(s)]))
    for (const c of changes) {
      if (c.granted) next.get(c.role)!.add(c.permission)
      else next.get(c.role)!.delete(c.permission)
    }
    return store(trx, actor, 'role.permission', current, next)
  })
}

// Back to the defaults: every override of these roles goes.
export async function resetRolePermissions(db: Db, actor: Actor, roles: readonly Role[]) {
  return db.transaction().execute(async (trx) => {
    const current = await loadRoleSets(trx)
    const next = new Map(current)
    for (const r of roles) next.set(r, new Set(ROLE_DEFAULTS[r]))
    const n = await store(trx, actor, 'role.reset', current, next)
    await trx
      .deleteFrom('role_permissions')
      .where('role', 'in', [...roles])
      .execute()
    return n
  })
}

// A single cell, without an actor (tests and scripts set up roles with it).
export const setRolePermission = (db: Db, role: Role, permission: Permission, granted: boolean) =>
  changeRolePermissions(db, { userId: null, ip: null, requestId: null }, [
    { role, permission, granted },
  ])

// Writes the cells where `next` differs from `current`: an override only where a cell differs
// from the role's default. One audit row per changed role, with its whole set before and after.
async function store(
  trx: Kysely<Database>,
  actor: Actor,
  action: string,
  current: RoleSets,
  next: RoleSets,
) {
  await refuseLockout(trx, current, next)
  let n = 0
  for (const role of ROLES) {
    const before = current.get(role)!
    const after = next.get(role)!
    const changed = PERMISSION_NAMES.filter((p) => before.has(p) !== after.has(p))
    if (!changed.length) continue
    for (const p of changed) await storeCell(trx, role, p, after.has(p))
    await audit(trx, actor, {
      action,
      entityType: 'role',
      entityId: role,
      before: [...before].sort(),
      after: [...after].sort(),
    })
    n += changed.length
  }
  if (n)
    await trx
      .insertInto('settings')
      .values({ key: STAMP, value: randomUUID() })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
      )
      .execute()
  return n
}

async function storeCell(trx: Kysely<Database>, role: Role, permission: Permission, on: boolean) {
  const granted = on ? 1 : 0
  if (ROLE_DEFAULTS[role].includes(permission) === on)
    return trx
      .deleteFrom('role_permissions')
      .where('role', '=', role)
      .where('permission', '=', permission)
      .execute()
  await trx
    .insertInto('role_permissions')
    .values({ role, permission, granted })
    .onConflict((oc) => oc.columns(['role', 'permission']).doUpdateSet({ granted }))
    .execute()
}

async function refuseLockout(trx: Kysely<Database>, current: RoleSets, next: RoleSets) {
  if (!next.get('admin')!.has('users.manage'))
    throw new LockoutError(
      'Роль «Администратор» не может потерять право «Управление пользователями и группами»: иначе управлять системой станет некому.',
    )
  if (!ROLES.some((r) => current.get(r)!.has('users.manage') && !next.get(r)!.has('users.manage')))
    return
  const managers = ROLES.filter((r) => next.get(r)!.has('users.manage'))
  const left = await trx
    .selectFrom('users')
    .select('id')
    .where('role', 'in', managers)
    .where('is_active', '=', 1)
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst()
  if (!left)
    throw new LockoutError(
      'После этого изменения не останется ни одного активного пользователя с правом «Управление пользователями и группами». Сначала назначьте кому-нибудь роль «Администратор».',
    )
}
