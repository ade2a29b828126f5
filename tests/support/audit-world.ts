import sharp from 'sharp'
import { ORIGIN, type TestApp } from './app.ts'
import { makeProject } from './fixtures.ts'
import { moscowToday } from '../../src/documents/state.ts'
import { acquireLock } from '../../src/live/locks.ts'

// Records made through the app's own routes, for the audit completeness test: each helper makes
// a fresh one, so a scenario never depends on what another scenario did.

export type Who = { id: number; cookie: string }
export type Form = Record<string, string> | URLSearchParams | FormData

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
export const jpeg = () =>
  sharp({ create: { width: 32, height: 16, channels: 3, background: '#c00' } })
    .jpeg()
    .toBuffer()

let n = 0
export const unique = (prefix: string) => `${prefix}-${++n}`

export class World {
  readonly today = moscowToday()
  setupDone?: { path: string; rid: string; status: number } // the request that made the admin
  private rid = 0
  constructor(
    readonly t: TestApp,
    readonly admin: Who,
    readonly type: Record<string, number>, // marking types by code
    readonly material: Record<string, number>, // materials by code
  ) {}

  // A request as a browser sends it, tagged so that its audit rows can be found by request_id.
  async send(path: string, form: Form = {}, as: Who = this.admin, requestId?: string) {
    const rid = requestId ?? `ac-${++this.rid}-${Date.now().toString(36)}`
    const multipart = form instanceof FormData
    const body = multipart || form instanceof URLSearchParams ? form : new URLSearchParams(form)
    const res = await this.t.app.request(path, {
      method: 'POST',
      body,
      headers: {
        ...(multipart ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        origin: ORIGIN,
        cookie: as.cookie,
        'x-request-id': rid,
      },
    })
    return { res, rid }
  }

  // For setting a scene: must succeed with a redirect; returns the id the Location ends with.
  async made(path: string, form: Form = {}, as: Who = this.admin) {
    const { res } = await this.send(path, form, as)
    if (res.status !== 303) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    const ids = res.headers.get('location')!.split('?')[0].match(/\d+/g) ?? []
    return Number(ids.at(-1))
  }

  user = (role: Parameters<TestApp['signIn']>[0] = 'viewer') => this.t.signIn(role)
  customer = () => this.made('/customers', { name: unique('Заказчик') })
  project = () => makeProject(this.t, this.admin.cookie, { code: unique('АУД') })

  async document(projectId?: number) {
    const p = projectId ?? (await this.project())
    return this.made(`/projects/${p}/documents`, {
      type_id: '11',
      number: unique('АОСР'),
      title: 'Акт освидетельствования',
      doc_date: this.today,
      sheets: '2',
    })
  }

  async shipped(projectId?: number) {
    const id = await this.document(projectId)
    await this.made(`/documents/${id}/ship`, {
      recipient: 'Заказчик',
      on_date: this.today,
      method: 'hand',
    })
    return id
  }

  remark = async () =>
    this.made(`/projects/${await this.project()}/remarks`, {
      title: 'Ширина линии меньше нормы',
      priority: 'high',
    })

  // A work-log line (optionally naming a batch); its id.
  async entry(projectId?: number, over: Record<string, string> = {}) {
    const p = projectId ?? (await this.project())
    await this.made(`/projects/${p}/worklog`, this.line(over))
    const row = await this.t.db.db
      .selectFrom('worklog_entries')
      .select('id')
      .where('project_id', '=', p)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    return row.id
  }

  line = (over: Record<string, string> = {}) => ({
    work_date: this.today,
    l0_material_code: 'tp',
    l0_marking_type_id: String(this.type['1.1']),
    l0_metres: '100',
    ...over,
  })

  batch = (qty = '1000') =>
    this.made('/stock/batches', {
      number: unique('Т'),
      material_id: String(this.material.tp),
      warehouse_id: '1',
      received_on: this.today,
      received_qty: qty,
      manufacturer: 'ООО «Технолайн»',
    })

  // A line of a project's log that used a batch issued there: waiting for its consumption.
  async pendingConsumption() {
    const p = await this.project()
    const b = await this.batch()
    await this.made(`/stock/batches/${b}/movements`, {
      kind: 'issue',
      quantity: '300',
      project_id: String(p),
      moved_on: this.today,
    })
    return { projectId: p, entryId: await this.entry(p, { l0_batch_id: String(b) }) }
  }

  request = async () =>
    this.made('/stock/requests', {
      project_id: String(await this.project()),
      material_id: String(this.material.tp),
      quantity: '500',
      needed_by: this.today,
      reason: 'Разметка км 12–14',
    })

  crew = () => this.made('/reference/crews', { name: unique('Бригада'), notes: '' })
  group = () => this.made('/admin/groups', { name: unique('Группа') })

  async markingType() {
    const code = `7.${++n}`
    await this.made('/reference/marking-types', {
      code,
      name: 'Проверочная линия',
      kind: 'line',
      width_m: '0,1',
      dash_m: '',
      gap_m: '',
      fill_ratio: '',
      lines: '1',
      piece_area_m2: '',
      colour: 'белая',
      source: 'проверка журнала аудита',
    })
    return this.idBy('marking_types', 'code', code)
  }

  async documentType() {
    const name = unique('Паспорт разметки')
    await this.made('/admin/document-types', { name, short_name: 'ПР', sort_order: '90' })
    return this.idBy('document_types', 'name', name)
  }

  async idBy(table: 'marking_types' | 'document_types', column: 'code' | 'name', value: string) {
    const row = await this.t.db.db
      .selectFrom(table)
      .select('id')
      .where(column as 'name', '=', value)
      .executeTakeFirstOrThrow()
    return row.id
  }

  async version(
    table: 'material_requests' | 'marking_types' | 'materials' | 'users' | 'groups',
    id: number,
  ) {
    const row = await this.t.db.db
      .selectFrom(table as 'users')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    return String(row.version)
  }

  // Someone else is editing the record: their lock is what a director breaks.
  async lockedByAnother(type: string, id: number) {
    const other = await this.t.signIn('admin')
    await acquireLock(this.t.db.db, type, id, other.id)
  }

  file = async (field: string, bytes: Buffer, name: string, type: string, extra = {}) => {
    const fd = new FormData()
    for (const [k, v] of Object.entries(extra)) fd.append(k, String(v))
    fd.append(field, new File([new Uint8Array(bytes)], name, { type }))
    return fd
  }
}
