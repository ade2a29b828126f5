import type { Actor } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { nowIso } from '../db/business.ts'
import { setDeleted } from '../db/soft-delete.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import type { Db } from '../db/connect.ts'
import { searchText } from '../lib/format.ts'
import { keysetPage } from '../lib/keyset.ts'
import type { SaveResult } from '../lib/versioned.ts'
import type { CustomerInput, CustomerQuery } from './customers.schema.ts'
import type { Customer } from './customers.table.ts'

const searchOf = (c: CustomerInput) => searchText(c.name, c.inn, c.contact_info, c.address)

export async function listCustomers(db: Db, q: CustomerQuery) {
  let qb = db.selectFrom('customers').selectAll('customers')
  qb = q.deleted ? qb.where('deleted_at', 'is not', null) : qb.where('deleted_at', 'is', null)
  if (q.q) qb = qb.where('search', 'like', `%${searchText(q.q)}%`)
  return keysetPage(
    qb,
    { column: 'customers.name', dir: 'asc', idColumn: 'customers.id' },
    q.after,
    (r) => [r.name, r.id],
  )
}

export const findCustomer = (db: Db, id: number) =>
  db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst()

export const customerOptions = (db: Db) =>
  db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .limit(1000)
    .execute()

export async function createCustomer(db: Db, actor: Actor, input: CustomerInput) {
  return db.transaction().execute(async (trx) => {
    const now = nowIso()
    const row = await trx
      .insertInto('customers')
      .values({
        ...input,
        search: searchOf(input),
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        updated_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit(trx, actor, {
      action: 'customer.create',
      entityType: 'customer',
      entityId: row.id,
      after: row,
    })
    return row
  })
}

export const updateCustomer = (
  db: Db,
  actor: Actor,
  id: number,
  version: number,
  input: CustomerInput,
  lockToken?: string,
): Promise<SaveResult<Customer>> =>
  updateVersioned(
    db,
    actor,
    { table: 'customers', entity: 'customer', id, version, lockToken },
    () => ({
      ...input,
      search: searchOf(input),
    }),
  )

export const setCustomerDeleted = (db: Db, actor: Actor, id: number, deleted: boolean) =>
  setDeleted(db, actor, 'customers', 'customer', id, deleted)
