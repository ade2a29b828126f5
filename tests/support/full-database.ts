import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../../src/config.ts'
import { openDb, type Db, type DbHandle } from '../../src/db/connect.ts'
import { migrate } from '../../src/db/migrate.ts'
import { seedDemo } from '../../src/seed/demo.ts'

// A SQLite database with rows in every table: the demo, plus rows for what the demo leaves empty,
// with the values that differ between the dialects (JSON key order, bare timestamps, floats,
// Cyrillic text keys) and a sequence gap (a deleted row whose id must not come back).
export async function fullDatabase(dir: string): Promise<DbHandle> {
  mkdirSync(dir, { recursive: true })
  const h = openDb(`file:${join(dir, 'source.db')}`)
  await migrate(h.db)
  await seedDemo(h.db, () => {}, loadConfig({ UPLOAD_DIR: join(dir, 'uploads') }))
  await fillTheRest(h.db)
  return h
}

export const BARE_TIMESTAMP = '2026-12-20 09:15:00' // as SQLite's CURRENT_TIMESTAMP writes it
export const JOB_PAYLOAD = '{"z":1,"a":{"y":[1,2.5,"три"],"b":null}}'

async function fillTheRest(db: Db) {
  const at = '2026-11-20T09:15:00.123Z'
  const first = async (table: 'users' | 'files' | 'documents' | 'projects') =>
    (await db.selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id
  const [user, file, document, project] = [
    await first('users'),
    await first('files'),
    await first('documents'),
    await first('projects'),
  ]
  const business = { created_at: at, updated_at: at, created_by: user, updated_by: user }
  await db
    .insertInto('sessions')
    .values({
      id: 'c2Vzc2lvbg',
      user_id: user,
      secret_hash: 'ab'.repeat(32),
      created_at: at,
      expires_at: BARE_TIMESTAMP,
      last_seen_at: at,
      ip: '10.0.0.7',
      user_agent: 'Mozilla/5.0 (Windows NT 6.1) Chrome/109.0',
    })
    .execute()
  await db
    .insertInto('login_failures')
    .values(['ip:10.0.0.7', 'login:director', 'login:director'].map((key) => ({ key, at })))
    .execute()
  await db.deleteFrom('login_failures').where('id', '=', 3).execute()
  await db
    .insertInto('role_permissions')
    .values([
      { role: 'foreman', permission: 'remarks.close', granted: 0 },
      { role: 'pm', permission: 'stock.manage', granted: 1 },
    ])
    .execute()
  await db
    .insertInto('settings')
    .values({ key: 'company.name', value: 'ООО «Строд-Сервис Технолоджи»' })
    .execute()
  await db
    .insertInto('edit_locks')
    .values({
      entity_type: 'project',
      entity_id: String(project),
      token: 'lock-token',
      user_id: user,
      acquired_at: at,
      heartbeat_at: at,
    })
    .execute()
  await db
    .insertInto('live_presence')
    .values({
      stream: `project:${project}`,
      client_id: 'c1',
      user_id: user,
      process_id: 'p1',
      seen_at: at,
    })
    .execute()
  await db
    .insertInto('jobs')
    .values({
      kind: 'documents.export',
      payload: JOB_PAYLOAD,
      state: 'done',
      progress: 100,
      attempts: 1,
      run_after: at,
      result_file_id: file,
      created_at: at,
      created_by: user,
      finished_at: at,
    })
    .execute()
  await db
    .insertInto('document_files')
    .values({ document_id: document, file_id: file, version: 1, created_at: at, created_by: user })
    .execute()
  await db
    .insertInto('schedule_plans')
    .values({
      project_id: project,
      material_code: 'tp',
      plan_m2: 0.1 + 0.2,
      start_date: '2026-05-01',
      end_date: '2026-06-30',
      ...business,
    })
    .execute()
  const data = [{ material_code: 'tp', material_name: 'ТП', plan_m2: 1200.5, fact_m2: 640.25 }]
  await db
    .insertInto('weekly_reports')
    .values({
      week_start: '2026-11-16',
      data: JSON.stringify(data),
      plan_m2: 1200.5,
      plan_full_m2: 3000,
      fact_m2: 640.25,
      created_at: at,
      created_by: user,
    })
    .execute()
  // Text keys that sort differently under a language collation than bytewise.
  await db
    .insertInto('legacy_keys')
    .values(
      ['b', 'B', 'а', 'Я', '10', '9'].map((legacy_id) => ({
        source: 'main',
        legacy_table: 'objects',
        legacy_id,
        entity_type: 'project',
        entity_id: project,
        imported_at: at,
      })),
    )
    .execute()
  await db
    .insertInto('legacy_imports')
    .values({
      started_at: at,
      finished_at: at,
      dry_run: 0,
      status: 'done',
      files: '[{"name":"strod.db","size":1048576}]',
      report: '{"projects":{"read":50,"imported":48,"merged":2}}',
      created_by: user,
    })
    .execute()
}
