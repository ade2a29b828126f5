import type { Kysely } from 'kysely'
import { date, json, ts, withBusiness, withId } from './_helpers.ts'

export async function up(db: Kysely<any>): Promise<void> {
  await withBusiness(
    db,
    withId(db, db.schema.createTable('users'))
      .addColumn('login', 'text', (c) => c.notNull().unique())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('company', 'text')
      .addColumn('department', 'text')
      .addColumn('position', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('search', 'text', (c) => c.notNull().defaultTo('')),
  ).execute()
  await db.schema.createIndex('users_role_idx').on('users').columns(['role', 'id']).execute()
  await db.schema.createIndex('users_name_idx').on('users').columns(['full_name', 'id']).execute()

  await withBusiness(
    db,
    withId(db, db.schema.createTable('groups')).addColumn('name', 'text', (c) =>
      c.notNull().unique(),
    ),
  ).execute()
  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'integer', (c) =>
      c.notNull().references('groups.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('group_members_user_idx')
    .on('group_members')
    .column('user_id')
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('expires_at', ts(db), (c) => c.notNull())
    .addColumn('last_seen_at', ts(db), (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  await withId(db, db.schema.createTable('login_failures'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', ts(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('login_failures_key_idx')
    .on('login_failures')
    .columns(['key', 'at'])
    .execute()

  await db.schema
    .createTable('role_permissions')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('permission', 'text', (c) => c.notNull())
    .addColumn('granted', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_permissions_pk', ['role', 'permission'])
    .execute()

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', ts(db), (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', json(db))
    .addColumn('after', json(db))
    .execute()
  await db.schema
    .createIndex('audit_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id', 'id'])
    .execute()
  await db.schema.createIndex('audit_user_idx').on('audit_log').columns(['user_id', 'id']).execute()

  await withBusiness(
    db,
    withId(db, db.schema.createTable('customers'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('inn', 'text')
      .addColumn('contact_info', 'text')
      .addColumn('address', 'text')
      .addColumn('comments', 'text')
      .addColumn('legacy_key', 'text')
      .addColumn('search', 'text', (c) => c.notNull().defaultTo('')),
  ).execute()
  await db.schema
    .createIndex('customers_name_idx')
    .on('customers')
    .columns(['name', 'id'])
    .execute()

  await withBusiness(
    db,
    withId(db, db.schema.createTable('projects'))
      .addColumn('contractor', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('contract_number', 'text')
      .addColumn('contract_date', date(db))
      .addColumn('length_km', 'double precision')
      .addColumn('asphalt_date', date(db))
      .addColumn('start_date', date(db))
      .addColumn('end_date', date(db))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('comments', 'text')
      .addColumn('legacy_key', 'text')
      .addColumn('search', 'text', (c) => c.notNull().defaultTo('')),
  ).execute()
  for (const [name, cols] of [
    ['projects_short_name_idx', ['short_name', 'id']],
    ['projects_status_idx', ['status', 'short_name', 'id']],
    ['projects_customer_idx', ['customer_id', 'short_name', 'id']],
    ['projects_start_idx', ['start_date', 'id']],
    ['projects_updated_idx', ['updated_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('projects')
      .columns([...cols])
      .execute()
  }

  await db.schema
    .createTable('project_volumes')
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('material', 'text', (c) => c.notNull())
    .addColumn('plan_m2', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_volumes_pk', ['project_id', 'material'])
    .execute()

  await withId(db, db.schema.createTable('project_members'))
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute()
  await db.schema
    .createIndex('project_members_user_idx')
    .on('project_members')
    .columns(['user_id', 'project_id'])
    .execute()
  await db.schema
    .createIndex('project_members_group_idx')
    .on('project_members')
    .columns(['group_id', 'project_id'])
    .execute()
  await db.schema
    .createIndex('project_members_project_idx')
    .on('project_members')
    .column('project_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'project_members',
    'project_volumes',
    'projects',
    'customers',
    'audit_log',
    'settings',
    'role_permissions',
    'login_failures',
    'sessions',
    'group_members',
    'groups',
    'users',
  ])
    await db.schema.dropTable(t).execute()
}
