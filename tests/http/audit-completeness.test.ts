import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Selectable } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { PASSWORD, testApp, type TestApp } from '../support/app.ts'
import { projectFields } from '../support/fixtures.ts'
import { jpeg, PDF, unique, World, type Form } from '../support/audit-world.ts'
import { ACTION_LABELS, ENTITY_TYPES } from '../../src/audit/audit.queries.ts'
import { createSession } from '../../src/auth/sessions.ts'
import type { Database } from '../../src/db/database.ts'
import { formValuesOf } from '../../src/lib/forms.ts'
import { MARKING_FIELDS } from '../../src/reference/reference.schema.ts'

// Every route that changes something leaves an audit row with the values before and/or after,
// proved by one valid request per route (SCENARIOS), or is named in ALLOWED with the reason it
// writes no business record. A new mutating route without either fails the first test here.
//
// Adding a scenario: one entry keyed 'METHOD path' as Hono lists the route, e.g.
//   'POST /crews/:id': about('crew.update', BOTH, crew, () => ({ name: 'Х', version: '1' })),
// about() makes a record with a World helper (tests/support/audit-world.ts), posts the form to
// the key's path with the record's id for its first parameter, and expects the action on that
// record; creates() / under() are for requests that make one, a plain object for the rest.

type Values = 'before+after' | 'after' | 'before' | { none: string }
const BOTH = 'before+after'
interface Call {
  path?: string // default: the key's path, its first parameter replaced by id
  id?: number | string
  form?: Form
  as?: { id: number; cookie: string }
  entityId?: number | string // the audit row must name this record
}
interface Scenario {
  action: string // the audit row this request must leave (others may come with it)
  values: Values // which of before/after it must hold; none only with the reason
  run: (w: World) => Promise<Call | { path: string; rid: string; status: number }>
}

// Rows that name an event rather than a change of fields: why they hold no values.
const EVENT = {
  session: { none: 'a sign-in or sign-out: the row names the session, which has no fields' },
  password: { none: 'the password is a secret: the row says it changed, never the value' },
}

// Routes that legitimately write no business record, and why.
const ALLOWED: Record<string, string> = {
  // The caller's own edit lease, dropped on cancel; a lock taken from someone else is audited.
  'POST /customers/:id/lock/release': 'releases the caller’s own edit lock',
  'POST /projects/:id/lock/release': 'releases the caller’s own edit lock',
  'POST /documents/:id/lock/release': 'releases the caller’s own edit lock',
  'POST /remarks/:id/lock/release': 'releases the caller’s own edit lock',
  'POST /worklog/entries/:id/lock/release': 'releases the caller’s own edit lock',
  // Per-user read marks on the caller's own notifications.
  'POST /notifications/read-all': 'marks the caller’s own notifications read',
  'POST /notifications/:id{[0-9]+}/read': 'marks the caller’s own notification read',
  // Background jobs: queue rows of the caller that read data; the file a job stores is audited
  // (file.upload) when it runs. The audit log export is the exception: it is audited itself.
  'POST /jobs/:id{[0-9]+}/retry': 're-queues the caller’s own failed job',
  'POST /documents/export': 'starts a read-only export job',
  'POST /projects/:id/remarks/report/:report': 'starts a read-only report job',
  'POST /projects/:id/worklog/statement': 'starts a read-only report job',
  'POST /gpr/weekly/:id{[0-9]+}/export/:format{xlsx|pdf}': 'starts a read-only export job',
  'POST /stock/registry/:id/export': 'starts a read-only export job',
  'POST /shifts/export': 'starts a read-only export job',
  'POST /admin/import':
    'stores the uploaded files (file.upload) and starts the import job, audited as legacy.import',
}

type Make = (w: World) => Promise<number>
type FormOf = (w: World, id: number) => Form | Promise<Form>

// A request about a record made for it: the audit row must name that record.
const about = (action: string, values: Values, make: Make, form?: FormOf): Scenario => ({
  action,
  values,
  run: async (w) => {
    const id = await make(w)
    return { id, form: await form?.(w, id), entityId: id }
  },
})
// A request that makes a record under another (a project's document): the row holds the new one.
const under = (action: string, make: Make, form: FormOf): Scenario => ({
  action,
  values: 'after',
  run: async (w) => {
    const id = await make(w)
    return { id, form: await form(w, id) }
  },
})
// A request that makes a record; the row holds what was made.
const creates = (action: string, call: (w: World) => Promise<Call>): Scenario => ({
  action,
  values: 'after',
  run: call,
})
// First something else, then the request: restore what was deleted, unblock what was blocked.
const after =
  (make: Make, first: (id: number) => string, form: Form = {}): Make =>
  async (w) => {
    const id = await make(w)
    await w.made(first(id), form)
    return id
  }

// Delete and restore of a soft-deleted record; breaking someone else's edit lock on it.
const softDelete = (route: string, entity: string, make: Make) => ({
  [`POST ${route}/:id/delete`]: about(`${entity}.delete`, BOTH, make),
  [`POST ${route}/:id/restore`]: about(
    `${entity}.restore`,
    BOTH,
    after(make, (id) => `${route}/${id}/delete`),
  ),
})
const lockBreak = (route: string, type: string, make: Make) => ({
  [`POST ${route}/:id/lock/break`]: about('lock.break', 'before', async (w) => {
    const id = await make(w)
    await w.lockedByAnother(type, id)
    return id
  }),
})
// Adding a member first, then removing it (the member is named in the path).
const removesMember = (
  action: string,
  make: Make,
  path: (id: number, userId: number) => string,
) => ({
  action,
  values: 'before' as const,
  run: async (w: World) => {
    const id = await make(w)
    const u = await w.user('foreman')
    await w.made(path(id, u.id).replace(/\/\d+\/delete$/, ''), { user_id: String(u.id) })
    return { path: path(id, u.id), entityId: id }
  },
})

const customer: Make = (w) => w.customer()
const project: Make = (w) => w.project()
const document: Make = (w) => w.document()
const remark: Make = (w) => w.remark()
const entry: Make = (w) => w.entry()
const batch: Make = (w) => w.batch()
const request: Make = (w) => w.request()
const crew: Make = (w) => w.crew()
const group: Make = (w) => w.group()
const markingType: Make = (w) => w.markingType()
const documentType: Make = (w) => w.documentType()
const viewer: Make = async (w) => (await w.user()).id
const asMe =
  (path: string): Scenario['run'] =>
  async (w) => ({ path, as: await w.user() })
const TEMP = 'Временный-пароль-42'
// A viewer gains audit.read in the role matrix: a change of the 'viewer' role.
const grant = () =>
  new URLSearchParams([
    ['was', ''],
    ['p', 'viewer:audit.read'],
  ])
type Table = 'projects' | 'users' | 'materials' | 'marking_types'
const row = <T extends Table>(w: World, table: T, id: number) =>
  w.t.db.db
    .selectFrom(table as 'users')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow() as unknown as Promise<Selectable<Database[T]>>

const SCENARIOS: Record<string, Scenario> = {
  // ---- sign-in and own account ---------------------------------------------------------------
  'POST /setup': { action: 'user.create', values: 'after', run: async (w) => w.setupDone! },
  'POST /login': {
    action: 'auth.login',
    values: EVENT.session,
    run: async (w) => {
      const { login } = await row(w, 'users', (await w.user()).id)
      return { path: '/login', form: { login, password: PASSWORD }, as: { id: 0, cookie: '' } }
    },
  },
  'POST /logout': { action: 'auth.logout', values: EVENT.session, run: asMe('/logout') },
  'POST /account/password': {
    action: 'user.password',
    values: EVENT.password,
    run: async (w) => {
      const next = 'Новый-пароль-для-аудита-7'
      const form = { current: PASSWORD, password: next, confirm: next }
      return { path: '/account/password', form, as: await w.user() }
    },
  },
  'POST /account/sessions/revoke-others': {
    action: 'auth.logout_others',
    values: EVENT.session,
    run: asMe('/account/sessions/revoke-others'),
  },
  'POST /account/sessions/:id/revoke': {
    action: 'auth.logout',
    values: EVENT.session,
    run: async (w) => {
      const as = await w.user()
      const { session } = await createSession(w.t.db.db, as.id, {
        ip: null,
        userAgent: null,
        days: 1,
      })
      return { id: session.id, as, entityId: session.id }
    },
  },

  // ---- customers and projects ----------------------------------------------------------------
  'POST /customers': creates('customer.create', async () => ({
    path: '/customers',
    form: { name: unique('Заказчик') },
  })),
  'POST /customers/:id': about('customer.update', BOTH, customer, () => ({
    name: unique('Имя'),
    version: '1',
  })),
  ...softDelete('/customers', 'customer', customer),
  ...lockBreak('/customers', 'customer', customer),
  'POST /projects': creates('project.create', async () => ({
    path: '/projects',
    form: projectFields({ code: unique('НОВ') }),
  })),
  'POST /projects/:id': about('project.update', BOTH, project, async (w, id) => {
    const { code } = await row(w, 'projects', id)
    return projectFields({ code, short_name: 'Переименован', version: '1' })
  }),
  ...softDelete('/projects', 'project', project),
  ...lockBreak('/projects', 'project', project),
  'POST /projects/:id/members': about('project.member_add', 'after', project, async (w) => ({
    member: `user:${(await w.user()).id}`,
  })),
  'POST /projects/:id/members/:memberId/delete': {
    action: 'project.member_remove',
    values: 'before',
    run: async (w) => {
      const id = await w.project()
      await w.made(`/projects/${id}/members`, { member: `user:${(await w.user()).id}` })
      const m = await w.t.db.db
        .selectFrom('project_members')
        .select('id')
        .where('project_id', '=', id)
        .executeTakeFirstOrThrow()
      return { path: `/projects/${id}/members/${m.id}/delete`, entityId: id }
    },
  },

  // ---- executive documentation --------------------------------------------------------------
  'POST /projects/:id/documents': under('document.create', project, () => ({
    type_id: '11',
    number: unique('АОСР'),
    title: 'Акт',
  })),
  'POST /projects/:id/transmittals': under('transmittal.create', project, async (w, p) => {
    const form = new URLSearchParams({ recipient: 'Заказчик', on_date: w.today, method: 'edo' })
    form.append('doc', String(await w.document(p)))
    return form
  }),
  'POST /projects/:id/documents/returns': {
    action: 'document.return',
    values: BOTH,
    run: async (w) => {
      const id = await w.project()
      const doc = await w.shipped(id)
      const form = new URLSearchParams({ on_date: w.today, condition: 'signed', doc: String(doc) })
      return { id, form, entityId: doc }
    },
  },
  'POST /documents/:id/ship': about('document.ship', BOTH, document, (w) => ({
    recipient: 'Заказчик',
    on_date: w.today,
    method: 'hand',
  })),
  'POST /documents/:id/return': about(
    'document.return',
    BOTH,
    (w) => w.shipped(),
    (w) => ({
      on_date: w.today,
      condition: 'remarks',
    }),
  ),
  'POST /documents/:id': about('document.update', BOTH, document, () => ({
    type_id: '11',
    number: unique('Исправлен'),
    title: 'Акт',
    version: '1',
  })),
  'POST /documents/:id/files': about('document.file', 'after', document, (w) =>
    w.file('file', PDF, 'Скан.pdf', 'application/pdf'),
  ),
  ...lockBreak('/documents', 'document', document),
  'POST /admin/document-types': creates('document_type.create', async () => ({
    path: '/admin/document-types',
    form: { name: unique('Тип ИД'), short_name: 'Т', sort_order: '91' },
  })),
  'POST /admin/document-types/:id': about('document_type.update', BOTH, documentType, () => ({
    name: unique('Тип ИД'),
    short_name: 'Т2',
    sort_order: '92',
  })),
  ...softDelete('/admin/document-types', 'document_type', documentType),

  // ---- remarks ------------------------------------------------------------------------------
  'POST /projects/:id/remarks': under('remark.create', project, () => ({
    title: 'Линия прерывается',
    priority: 'normal',
  })),
  'POST /remarks/:id': about('remark.update', BOTH, remark, () => ({
    title: 'Уточнено',
    priority: 'critical',
    version: '1',
  })),
  'POST /remarks/:id/status': about('remark.status', BOTH, remark, () => ({ to: 'in_progress' })),
  'POST /remarks/:id/comments': about('remark.comment', 'after', remark, () => ({
    comment: 'Выехали',
  })),
  'POST /remarks/:id/photos': about('remark.photo', 'after', remark, async (w) =>
    w.file('photo', await jpeg(), 'до.jpg', 'image/jpeg', { phase: 'before' }),
  ),
  ...lockBreak('/remarks', 'remark', remark),

  // ---- work log and ГПР ----------------------------------------------------------------------
  'POST /projects/:id/worklog': under('worklog.create', project, (w) => w.line()),
  'POST /projects/:id/gpr/cell': creates('worklog.create', async (w) => ({
    path: `/projects/${await w.project()}/gpr/cell?date=${w.today}&material=tp`,
    form: { marking_type_id: String(w.type['1.1']), metres: '100' },
  })),
  // Only the new plan is recorded, not the one it replaced: see the report.
  'POST /projects/:id/schedule': about('schedule.update', 'after', project, () => ({
    tp_plan: '1000',
  })),
  'POST /worklog/entries/:id': about('worklog.update', BOTH, entry, (w) => ({
    work_date: w.today,
    material_code: 'tp',
    marking_type_id: String(w.type['1.1']),
    metres: '150',
    version: '1',
  })),
  'POST /worklog/entries/:id/delete': about('worklog.delete', BOTH, entry),
  ...lockBreak('/worklog/entries', 'worklog', entry),
  'POST /gpr/weekly': creates('weekly.issue', async (w) => ({
    path: '/gpr/weekly',
    form: { week: w.today },
  })),

  // ---- warehouse ----------------------------------------------------------------------------
  'POST /stock/batches': creates('stock_batch.create', async (w) => ({
    path: '/stock/batches',
    form: {
      number: unique('П'),
      material_id: String(w.material.tp),
      warehouse_id: '1',
      received_on: w.today,
      received_qty: '100',
    },
  })),
  'POST /stock/batches/:id': about('stock_batch.update', BOTH, batch, () => ({
    number: unique('П'),
    location: 'Стеллаж 2',
    version: '1',
  })),
  'POST /stock/batches/:id/movements': about('stock.writeoff', BOTH, batch, (w) => ({
    kind: 'writeoff',
    quantity: '5',
    reason: 'Брак',
    moved_on: w.today,
  })),
  'POST /stock/batches/:id/documents': about('stock_batch.document', 'after', batch, (w) =>
    w.file('file', PDF, 'Сертификат.pdf', 'application/pdf', {
      kind: 'certificate',
      number: 'РОСС RU.1',
      issued_on: w.today,
    }),
  ),
  'POST /stock/batches/:id/block': about('stock_batch.block', BOTH, batch, () => ({
    reason: 'Протокол',
  })),
  'POST /stock/batches/:id/unblock': about(
    'stock_batch.unblock',
    BOTH,
    after(batch, (id) => `/stock/batches/${id}/block`, { reason: 'Проверка' }),
  ),
  // The consumption of a work-log line is recorded on its batch.
  'POST /stock/consumption/:entryId': {
    action: 'stock.consumption',
    values: BOTH,
    run: async (w) => ({ id: (await w.pendingConsumption()).entryId, form: { quantity: '25' } }),
  },
  'POST /stock/registry/:id/attach': creates('document.create', async (w) => {
    const { projectId, entryId } = await w.pendingConsumption()
    await w.made(`/stock/consumption/${entryId}`, { quantity: '25' })
    return { id: projectId }
  }),
  'POST /stock/requests': creates('material_request.create', async (w) => ({
    path: '/stock/requests',
    form: {
      project_id: String(await w.project()),
      material_id: String(w.material.tp),
      quantity: '10',
      needed_by: w.today,
      reason: 'Км 3',
    },
  })),
  'POST /stock/requests/:id/submit': about(
    'material_request.submit',
    BOTH,
    async (w) => {
      const id = await w.request()
      // A draft is what stock control writes when a balance runs low.
      await w.t.db.db
        .updateTable('material_requests')
        .set({ status: 'draft' })
        .where('id', '=', id)
        .execute()
      return id
    },
    async (w, id) => ({
      version: await w.version('material_requests', id),
      quantity: '700',
      needed_by: w.today,
      reason: 'Пополнить',
    }),
  ),
  ...Object.fromEntries(
    (
      [
        ['approve', { decision_reason: 'Согласовано' }],
        ['reject', { decision_reason: 'Есть на складе' }],
        ['cancel', { cancel_reason: 'Перенесли работы' }],
      ] as const
    ).map(([move, extra]) => [
      `POST /stock/requests/:id/${move}`,
      about(`material_request.${move}`, BOTH, request, async (w, id) => ({
        version: await w.version('material_requests', id),
        ...extra,
      })),
    ]),
  ),

  // ---- reference data -----------------------------------------------------------------------
  'POST /reference/marking-types': creates('marking_type.create', async () => ({
    path: '/reference/marking-types',
    form: {
      code: `8.${unique('').slice(1)}`,
      name: 'Новый символ',
      kind: 'symbol',
      piece_area_m2: '1,2',
      lines: '1',
      colour: 'белая',
      source: 'ГОСТ',
    },
  })),
  'POST /reference/marking-types/:id': about(
    'marking_type.update',
    BOTH,
    markingType,
    async (w, id) => {
      const r = await row(w, 'marking_types', id)
      const fields = formValuesOf(
        r,
        MARKING_FIELDS.map(([f]) => f),
      )
      return { ...fields, width_m: '0,15', version: String(r.version) }
    },
  ),
  'POST /reference/marking-types/:id/confirm': about(
    'marking_type.confirm',
    BOTH,
    markingType,
    async (w, id) => ({
      version: await w.version('marking_types', id),
    }),
  ),
  ...softDelete('/reference/marking-types', 'marking_type', markingType),
  'POST /reference/materials/:id': about(
    'material.update',
    BOTH,
    async (w) => w.material.kraska_b,
    async (w, id) => {
      const m = await row(w, 'materials', id)
      return {
        name: unique('Краска белая'),
        short_name: m.short_name ?? '',
        sort_order: String(m.sort_order),
        unit: m.unit,
        norm_per_m2: '0,7',
        threshold_pct: '25',
        version: String(m.version),
      }
    },
  ),
  'POST /reference/crews': creates('crew.create', async () => ({
    path: '/reference/crews',
    form: { name: unique('Бригада'), notes: '' },
  })),
  'POST /reference/crews/:id': about('crew.update', BOTH, crew, () => ({
    name: unique('Бригада'),
    notes: 'ТП',
    version: '1',
  })),
  'POST /reference/crews/:id/members': about('crew.member_add', 'after', crew, async (w) => ({
    user_id: String((await w.user('foreman')).id),
  })),
  'POST /reference/crews/:id/members/:userId/delete': removesMember(
    'crew.member_remove',
    crew,
    (id, u) => `/reference/crews/${id}/members/${u}/delete`,
  ),
  ...softDelete('/reference/crews', 'crew', crew),

  // ---- users, groups, the audit log itself ---------------------------------------------------
  'POST /admin/users': creates('user.create', async () => ({
    path: '/admin/users',
    form: {
      login: unique('ivanova').replace('-', ''),
      full_name: 'Иванова Мария',
      role: 'pto_engineer',
      password: TEMP,
    },
  })),
  'POST /admin/users/:id': about('user.update', BOTH, viewer, async (w, id) => {
    const u = await row(w, 'users', id)
    return { full_name: u.full_name, position: 'Мастер', role: u.role, version: String(u.version) }
  }),
  'POST /admin/users/:id/deactivate': about('user.deactivate', BOTH, viewer),
  'POST /admin/users/:id/activate': about(
    'user.activate',
    BOTH,
    after(viewer, (id) => `/admin/users/${id}/deactivate`),
  ),
  'POST /admin/users/:id/password': about('user.password', EVENT.password, viewer, () => ({
    password: TEMP,
  })),
  'POST /admin/groups': creates('group.create', async () => ({
    path: '/admin/groups',
    form: { name: unique('Участок') },
  })),
  'POST /admin/groups/:id': about('group.rename', BOTH, group, async (w, id) => ({
    name: unique('Участок'),
    version: await w.version('groups', id),
  })),
  'POST /admin/groups/:id/members': about('group.member_add', 'after', group, async (w) => ({
    user_id: String((await w.user()).id),
  })),
  'POST /admin/groups/:id/members/:userId/delete': removesMember(
    'group.member_remove',
    group,
    (id, u) => `/admin/groups/${id}/members/${u}/delete`,
  ),
  'POST /admin/users/:id/projects': {
    action: 'project.member_add',
    values: 'after',
    run: async (w) => {
      const [u, p] = [await viewer(w), await project(w)]
      return { id: u, form: { project_id: String(p) }, entityId: p }
    },
  },
  'POST /admin/users/:id/projects/:memberId/delete': {
    action: 'project.member_remove',
    values: 'before',
    run: async (w) => {
      const [u, p] = [await viewer(w), await project(w)]
      await w.made(`/admin/users/${u}/projects`, { project_id: String(p) })
      const m = await w.t.db.db
        .selectFrom('project_members')
        .select('id')
        .where('project_id', '=', p)
        .where('user_id', '=', u)
        .executeTakeFirstOrThrow()
      return { path: `/admin/users/${u}/projects/${m.id}/delete`, entityId: p }
    },
  },
  'POST /admin/users/:id/sessions/:sid/revoke': {
    action: 'session.revoke',
    values: 'before',
    run: async (w) => {
      const u = await w.user()
      const { session } = await createSession(w.t.db.db, u.id, {
        ip: null,
        userAgent: null,
        days: 1,
      })
      return { path: `/admin/users/${u.id}/sessions/${session.id}/revoke`, entityId: u.id }
    },
  },
  'POST /admin/online/sessions/:sid/revoke': {
    action: 'session.revoke',
    values: 'before',
    run: async (w) => {
      const u = await w.user()
      const { session } = await createSession(w.t.db.db, u.id, {
        ip: null,
        userAgent: null,
        days: 1,
      })
      return { id: session.id, entityId: u.id }
    },
  },
  'POST /account/profile': {
    action: 'user.update',
    values: BOTH,
    run: async (w) => {
      const as = await w.user()
      const form = {
        full_name: 'Белова О. А.',
        phone: '+7 900 1',
        version: await w.version('users', as.id),
      }
      return { path: '/account/profile', form, as, entityId: as.id }
    },
  },
  'POST /account/notifications': {
    action: 'user.notifications',
    values: BOTH,
    run: async (w) => {
      const as = await w.user()
      return { path: '/account/notifications', form: { on: 'request' }, as, entityId: as.id }
    },
  },
  'POST /admin/roles': {
    action: 'role.permission',
    values: BOTH,
    run: async () => ({ path: '/admin/roles', form: grant(), entityId: 'viewer' }),
  },
  'POST /admin/roles/:role/reset': {
    action: 'role.reset',
    values: BOTH,
    run: async (w) => (await w.made('/admin/roles', grant()), { id: 'viewer', entityId: 'viewer' }),
  },
  'POST /admin/roles/reset': {
    action: 'role.reset',
    values: BOTH,
    run: async (w) => (
      await w.made('/admin/roles', grant()),
      { path: '/admin/roles/reset', entityId: 'viewer' }
    ),
  },

  // ---- work sessions -------------------------------------------------------------------------
  'POST /shifts/start': {
    action: 'shift.start',
    values: 'after',
    run: async (w) => ({ path: '/shifts/start', form: { back: '/' }, as: await w.user() }),
  },
  'POST /shifts/end': {
    action: 'shift.end',
    values: BOTH,
    run: async (w) => {
      const as = await w.user()
      await w.made('/shifts/start', { back: '/' }, as)
      return { path: '/shifts/end', form: { back: '/' }, as }
    },
  },
  'POST /shifts/:id{[0-9]+}': {
    action: 'shift.update',
    values: BOTH,
    run: async (w) => {
      const as = await w.user('foreman')
      await w.made('/shifts/start', { back: '/' }, as)
      await w.made('/shifts/end', { back: '/' }, as)
      const s = await w.t.db.db
        .selectFrom('work_sessions')
        .select(['id', 'version'])
        .where('user_id', '=', as.id)
        .executeTakeFirstOrThrow()
      const form = {
        started_at: '2026-11-20T08:00',
        ended_at: '2026-11-20T17:30',
        reason: 'Забыл отметить начало смены',
        version: String(s.version),
      }
      return { id: s.id, form, entityId: s.id }
    },
  },
  'POST /admin/audit/export': creates('audit.export', async () => ({
    path: '/admin/audit/export',
    form: { action: 'user' },
  })),
}

// 'POST /jobs/:id{[0-9]+}/retry' → a regular expression for the paths it serves.
const routeRegex = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split(/(:\w+(?:\{[^}]+\})?)/)
      .map((part) => {
        const param = /^:\w+(?:\{([^}]+)\})?$/.exec(part)
        if (param) return param[1] ? `(?:${param[1]})` : '[^/]+'
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('')}$`,
  )

describe.each(DIALECTS)('audit completeness on %s', (dialect) => {
  const uploadDir = mkdtempSync(join(tmpdir(), 'strod-audit-all-'))
  let t: TestApp
  let w: World
  beforeAll(async () => {
    t = await testApp(dialect, { UPLOAD_DIR: uploadDir })
    // The first administrator comes from /setup: that request is the /setup scenario.
    const setup = await t.app.request('/setup', {
      method: 'POST',
      body: new URLSearchParams({
        login: 'boss',
        full_name: 'Петров Пётр Петрович',
        password: PASSWORD,
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        'x-request-id': 'ac-setup',
      },
    })
    const sid = setup.headers.getSetCookie().find((c) => c.startsWith('sid='))!
    const boss = await t.db.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'boss')
      .executeTakeFirstOrThrow()
    const byCode = async (table: 'marking_types' | 'materials') =>
      Object.fromEntries(
        (await t.db.db.selectFrom(table).select(['id', 'code']).execute()).map((r) => [
          r.code,
          r.id,
        ]),
      )
    w = new World(
      t,
      { id: boss.id, cookie: sid.split(';')[0] },
      await byCode('marking_types'),
      await byCode('materials'),
    )
    w.setupDone = { path: '/setup', rid: 'ac-setup', status: setup.status }
  })
  afterAll(async () => {
    await t.close()
    rmSync(uploadDir, { recursive: true, force: true })
  })

  const mutating = () =>
    [
      ...new Set(
        t.app.routes
          .filter((r) => !['GET', 'ALL'].includes(r.method) && !r.path.includes('*'))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ].sort()

  it('every mutating route has a scenario below or an allow-list entry with its reason', () => {
    const routes = mutating()
    const covered = [...Object.keys(SCENARIOS), ...Object.keys(ALLOWED)]
    expect(Object.keys(SCENARIOS).filter((k) => k in ALLOWED)).toEqual([])
    // missing: add a scenario to SCENARIOS (or a reason to ALLOWED); stale: the route is gone.
    expect({
      missing: routes.filter((r) => !covered.includes(r)),
      stale: covered.filter((r) => !routes.includes(r)),
    }).toEqual({ missing: [], stale: [] })
  })

  it.each(Object.keys(SCENARIOS))('%s leaves an audit row with what changed', async (key) => {
    const s = SCENARIOS[key]
    expect(ACTION_LABELS[s.action], `label of ${s.action} in AUDIT_ACTIONS`).toBeDefined()
    const call = await s.run(w)
    const target =
      'rid' in call || call.path
        ? call.path!
        : key.slice(5).replace(/:\w+(\{[^}]+\})?/, String(call.id))
    const path = target.split('?')[0]
    const matching = mutating().filter(
      (r) => r.startsWith('POST ') && routeRegex(r.slice(5)).test(path),
    )
    expect(matching, `${target} is served by ${key}`).toEqual([key])
    let rid: string, status: number
    if ('rid' in call) ({ rid, status } = call)
    else {
      const sent = await w.send(target, call.form, call.as)
      rid = sent.rid
      status = sent.res.status
      if (status >= 400) throw new Error(`${key}: ${status} ${await sent.res.text()}`)
    }
    expect(status).toBeLessThan(400)
    const rows = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', rid)
      .execute()
    for (const r of rows) {
      expect(ACTION_LABELS[r.action], `label of ${r.action}`).toBeDefined()
      expect(ENTITY_TYPES[r.entity_type], `name of ${r.entity_type}`).toBeDefined()
    }
    const logged = rows.find((r) => r.action === s.action)
    expect(
      logged,
      `${s.action} among ${rows.map((r) => r.action).join(', ') || 'no rows'}`,
    ).toBeDefined()
    if ('entityId' in call && call.entityId !== undefined)
      expect(logged!.entity_id).toBe(String(call.entityId))
    if (s.values === 'before+after' || s.values === 'before') expect(logged!.before).not.toBeNull()
    if (s.values === 'before+after' || s.values === 'after') expect(logged!.after).not.toBeNull()
    if (typeof s.values === 'object') expect(s.values.none.length).toBeGreaterThan(10)
    for (const v of [logged!.before, logged!.after])
      if (v) expect(() => JSON.parse(v)).not.toThrow()
  })
})
