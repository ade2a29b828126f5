import { DEFAULT_CONTRACTOR } from '../projects/projects.schema.ts'
import { searchText } from '../lib/format.ts'
import type { Run } from './run.ts'
import { norm, text, type LegacyFile, type Row } from './source.ts'
import { moscowLocalToUtc } from './time.ts'

// The rule of the project form (projects.schema.ts): letters, digits and - _ . /, up to 30.
const CODE_RULE = /^[\p{L}\d._/-]{1,30}$/u

interface Customer {
  id: number
  customer_id: string
  name: string
  contact_info: string | null
  created_at: string | null
  updated_at: string | null
}

// customers → customers. customer_id (the business key) is kept in legacy_key; a customer
// already here with that key or that name is the same one.
export async function importCustomers(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'customers')
  const here = await run.trx
    .selectFrom('customers')
    .select(['id', 'name', 'legacy_key'])
    .where('deleted_at', 'is', null)
    .execute()
  for (const c of main.rows<Customer>('customers')) {
    if (run.already(t, 'main', 'customers', c.id)) continue
    const name = text(c.name)
    if (!name) {
      t.skip(c.id, 'Пустое наименование заказчика')
      continue
    }
    const key = text(c.customer_id)
    const same = here.find((h) => (key && h.legacy_key === key) || norm(h.name) === norm(name))
    if (same) {
      await run.remember('main', 'customers', c.id, 'customer', same.id)
      t.merged()
      continue
    }
    const contact_info = text(c.contact_info)
    const values = {
      name,
      inn: null,
      contact_info,
      address: null,
      comments: null,
      legacy_key: key,
      search: searchText(name, contact_info),
      ...run.stamp(moscowLocalToUtc(c.created_at), null, moscowLocalToUtc(c.updated_at)),
    }
    const row = await run.trx
      .insertInto('customers')
      .values(values)
      .returningAll()
      .executeTakeFirstOrThrow()
    here.push(row)
    await run.remember('main', 'customers', c.id, 'customer', row.id)
    await run.audit('customer.create', 'customer', row.id, row)
    t.imported()
  }
}

interface ProjectObject {
  id: number
  object_id: string
  name: string
  location: string | null
  description: string | null
  created_at: string | null
  updated_at: string | null
}

// The customer of an object: the one its ГПР rows name most often (project_objects has none).
function customersByObject(main: LegacyFile) {
  const counts = new Map<number, Map<number, number>>()
  for (const g of main.rows<Row>('gpr_records')) {
    const o = Number(g.object_id)
    const c = Number(g.customer_id)
    const m = counts.get(o) ?? new Map<number, number>()
    m.set(c, (m.get(c) ?? 0) + 1)
    counts.set(o, m)
  }
  return (objectId: number) => {
    const m = counts.get(objectId)
    if (!m) return null
    return [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]
  }
}

async function codeFree(run: Run, code: string) {
  const r = await run.trx
    .selectFrom('projects')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst()
  return !r
}

// project_objects → projects. object_id is the project code when the code rules take it (a
// project here with that code is the same object), else ОБЪЕКТ-<id>.
export async function importProjects(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'project_objects')
  const customerOf = customersByObject(main)
  for (const o of main.rows<ProjectObject>('project_objects')) {
    if (run.already(t, 'main', 'project_objects', o.id)) continue
    const objectId = text(o.object_id)
    if (objectId && CODE_RULE.test(objectId)) {
      const same = await run.trx
        .selectFrom('projects')
        .select('id')
        .where('code', '=', objectId)
        .executeTakeFirst()
      if (same) {
        await run.remember('main', 'project_objects', o.id, 'project', same.id)
        t.merged()
        continue
      }
    }
    let code = objectId && CODE_RULE.test(objectId) ? objectId : `ОБЪЕКТ-${o.id}`
    for (let n = 2; !(await codeFree(run, code)); n++) code = `ОБЪЕКТ-${o.id}-${n}`
    const name = text(o.name) ?? objectId ?? `Объект ${o.id}`
    const legacyCustomer = customerOf(o.id)
    const customer = legacyCustomer == null ? null : run.key('main', 'customers', legacyCustomer)
    const comments = [
      text(o.location) && `Местоположение: ${text(o.location)}`,
      text(o.description),
      code !== objectId && objectId && `Шифр в прежней программе: ${objectId}`,
    ]
      .filter(Boolean)
      .join('\n')
    const values = {
      contractor: DEFAULT_CONTRACTOR,
      customer_id: customer?.entity_id ?? null,
      name,
      short_name: Array.from(name).slice(0, 100).join(''),
      code,
      contract_number: null,
      contract_date: null,
      length_km: null,
      asphalt_date: null,
      start_date: null,
      end_date: null,
      status: 'active',
      comments: comments || null,
      legacy_key: objectId,
      search: searchText(name, code),
      ...run.stamp(moscowLocalToUtc(o.created_at), null, moscowLocalToUtc(o.updated_at)),
    }
    const row = await run.trx
      .insertInto('projects')
      .values(values)
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.remember('main', 'project_objects', o.id, 'project', row.id)
    await run.audit('project.create', 'project', row.id, row)
    t.imported()
  }
}

// A project named by free text in the old data (documents.project_id, project_number,
// material_requests.project_id …): a legacy object id, or a project's code, old object id,
// name or short name. Null when none, or more than one, fits.
export async function findProject(run: Run, value: unknown): Promise<number | null> {
  const wanted = norm(value)
  if (!wanted) return null
  if (/^\d+$/.test(wanted)) {
    const k = run.key('main', 'project_objects', wanted)
    if (k) return k.entity_id
  }
  const all = await run.memo('projects', () =>
    run.trx
      .selectFrom('projects')
      .select(['id', 'code', 'name', 'short_name', 'legacy_key'])
      .where('deleted_at', 'is', null)
      .execute(),
  )
  for (const field of ['code', 'legacy_key', 'short_name', 'name'] as const) {
    const hits = all.filter((p) => norm(p[field]) === wanted)
    if (hits.length === 1) return hits[0].id
    if (hits.length > 1) return null
  }
  return null
}
