import type { Kysely } from 'kysely'
import type { Actor } from '../app-env.ts'
import type { Database } from '../db/database.ts'
import { nowIso } from '../db/business.ts'

export interface AuditEntry {
  action: string
  entityType: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
}

const SECRET_KEYS = new Set(['password_hash', 'secret_hash', 'password', 'search'])

function clean(v: unknown): string | null {
  if (v === undefined || v === null) return null
  return JSON.stringify(v, (k, val) => (SECRET_KEYS.has(k) ? undefined : val))
}

// Called inside the transaction of the change it records. Audit rows are only ever inserted.
export async function audit(trx: Kysely<Database>, actor: Actor, e: AuditEntry) {
  await trx
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      user_id: actor.userId,
      ip: actor.ip,
      request_id: actor.requestId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId == null ? null : String(e.entityId),
      before: clean(e.before),
      after: clean(e.after),
    })
    .execute()
}
