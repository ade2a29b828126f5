import type { Kysely } from 'kysely'
import { date, ts, withBusiness, withId } from './_helpers.ts'

// The desktop app's ten types, then the road-marking set (DOMAIN.md) that it lacked.
const TYPES: [string, string][] = [
  ['Исполнительный чертеж', 'ИЧ'],
  ['Акт скрытых работ', 'АСР'],
  ['Журнал производства работ', 'ЖПР'],
  ['Ведомость объемов работ', 'ВОР'],
  ['Исполнительная съемка', 'ИС'],
  ['Протокол испытаний', 'ПИ'],
  ['Дефектная ведомость', 'ДВ'],
  ['Акт приемки', 'АП'],
  ['Фотоотчет', 'ФО'],
  ['Прочая документация', 'ПР'],
  ['Акт освидетельствования скрытых работ (АОСР)', 'АОСР'],
  ['Акт освидетельствования ответственных конструкций (АООК)', 'АООК'],
  ['Исполнительная схема', 'ИСх'],
  ['Акт приемочного контроля качества дорожной разметки', 'АПК'],
  ['Реестр применяемых материалов', 'РПМ'],
  ['Общий журнал работ', 'ОЖР'],
]

export async function up(db: Kysely<any>): Promise<void> {
  await withBusiness(
    db,
    withId(db, db.schema.createTable('document_types'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute()
  const now = new Date().toISOString()
  await db
    .insertInto('document_types')
    .values(
      TYPES.map(([name, short_name], i) => ({
        name,
        short_name,
        sort_order: i + 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()

  // An act sending several documents at once («Реестр передачи документации»).
  await withId(db, db.schema.createTable('transmittals'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sent_on', date(db), (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('transmittals_project_seq_uq', ['project_id', 'seq'])
    .execute()

  await withBusiness(
    db,
    withId(db, db.schema.createTable('documents'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('type_id', 'integer', (c) => c.notNull().references('document_types.id'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('doc_date', date(db))
      .addColumn('sheets', 'integer')
      .addColumn('notes', 'text')
      // in_office | shipped | returned; the current round's facts are kept for filtering
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text')
      .addColumn('shipped_on', date(db))
      .addColumn('returned_on', date(db))
      .addColumn('condition', 'text')
      .addColumn('legacy_key', 'text')
      .addColumn('search', 'text', (c) => c.notNull().defaultTo('')),
  ).execute()
  for (const [name, cols] of [
    ['documents_project_idx', ['project_id', 'id']],
    ['documents_state_idx', ['state', 'id']],
    ['documents_type_idx', ['type_id', 'id']],
    ['documents_shipped_idx', ['state', 'shipped_on', 'id']],
    ['documents_date_idx', ['doc_date', 'id']],
    ['documents_legacy_idx', ['legacy_key']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('documents')
      .columns([...cols])
      .execute()

  // Every shipment and return: the history of all rounds.
  await withId(db, db.schema.createTable('document_movements'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // shipment | return
    .addColumn('on_date', date(db), (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('method', 'text')
    .addColumn('condition', 'text')
    .addColumn('notes', 'text')
    .addColumn('transmittal_id', 'integer', (c) => c.references('transmittals.id'))
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema
    .createIndex('document_movements_doc_idx')
    .on('document_movements')
    .columns(['document_id', 'id'])
    .execute()
  await db.schema
    .createIndex('document_movements_transmittal_idx')
    .on('document_movements')
    .column('transmittal_id')
    .execute()

  // Files of a document; each upload is a new version.
  await withId(db, db.schema.createTable('document_files'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema
    .createIndex('document_files_doc_idx')
    .on('document_files')
    .columns(['document_id', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'document_files',
    'document_movements',
    'documents',
    'transmittals',
    'document_types',
  ])
    await db.schema.dropTable(t).execute()
}
