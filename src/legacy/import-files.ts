import { storeUpload } from '../files/storage.ts'
import { searchText } from '../lib/format.ts'
import { DocTypes, OTHER_TYPE } from './doc-types.ts'
import { findProject } from './import-projects.ts'
import { holdingProject } from './made-once.ts'
import { joined } from './joined.ts'
import { storeLegacyFile } from './remark-photos.ts'
import type { Run } from './run.ts'
import { text, type LegacyFile, type Row } from './source.ts'
import { moscowLocalToUtc } from './time.ts'

// file_categories: a category named like a document type is that type (its files are filed
// under it); another has no counterpart here and its name goes into its files' notes.
export async function importFileCategories(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'file_categories')
  const types = await DocTypes.load(run)
  for (const c of main.rows<Row>('file_categories')) {
    if (run.already(t, 'main', 'file_categories', c.id)) continue
    const type = types.byName(c.name)
    if (!type) {
      t.skip(
        String(c.id),
        `Категории «${text(c.name)}» нет среди типов ИД: она в примечаниях файлов`,
      )
      continue
    }
    await run.remember('main', 'file_categories', c.id, 'document_type', type)
    t.merged()
  }
}

// uploaded_files: a file found under --files is stored and filed in the registry of executive
// documentation of its project (the only place a project's files live here), as a document
// «Файл <id>» of its category's type with the file as version 1. One not found cannot be
// stored (a file row needs its content) and is skipped with «файл недоступен»; a later run
// given the folder imports it.
export async function importUploadedFiles(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'uploaded_files')
  const categories = new Map(
    main.rows<Row>('file_categories').map((c) => [Number(c.id), text(c.name)]),
  )
  for (const f of main.rows<Row>('uploaded_files')) {
    if (run.already(t, 'main', 'uploaded_files', f.id)) continue
    if (f.is_active === 0 || f.is_active === '0') {
      t.skip(String(f.id), 'Файл удалён в прежней программе')
      continue
    }
    const found = await storeLegacyFile(run, text(f.filename), text(f.file_path), (file) =>
      storeUpload(joined(run.trx), run.actor, run.upload!, file, {
        allowed: ['pdf', 'image', 'office', 'dwg'],
      }),
    )
    if ('missing' in found) {
      t.skip(String(f.id), `Файл недоступен (${found.missing}): ${text(f.file_path)}`)
      continue
    }
    const docId = await fileDocument(run, f, categories.get(Number(f.category_id)) ?? null)
    await run.trx
      .insertInto('document_files')
      .values({
        document_id: docId,
        file_id: found.stored.id,
        version: 1,
        created_at: moscowLocalToUtc(f.created_at) ?? run.now,
        created_by: run.actor.userId,
      })
      .execute()
    await run.audit('document.file', 'document', docId, { file_id: found.stored.id, version: 1 })
    await run.remember('main', 'uploaded_files', f.id, 'document', docId)
    t.imported()
  }
}

async function fileDocument(run: Run, f: Row, category: string | null) {
  const types = await DocTypes.load(run)
  const project = await findProject(run, f.project_id)
  const title = text(f.original_filename) ?? text(f.filename) ?? `Файл ${f.id}`
  const number = `Файл ${f.id}`
  const notes = [
    'Файл из прежней программы.',
    text(f.description),
    text(f.section_name) && `Раздел: ${text(f.section_name)}`,
    category && `Категория: ${category}`,
    text(f.uploaded_by) && `Загрузил: ${text(f.uploaded_by)}`,
    !project && text(f.project_id) && `Объект в прежней программе: «${text(f.project_id)}»`,
  ]
    .filter(Boolean)
    .join('\n')
  const row = await run.trx
    .insertInto('documents')
    .values({
      project_id: project ?? (await holdingProject(run)),
      type_id: types.byName(category) ?? (await types.closest(OTHER_TYPE)),
      number,
      title,
      doc_date: null,
      sheets: null,
      notes,
      state: 'in_office',
      recipient: null,
      shipped_on: null,
      returned_on: null,
      condition: null,
      legacy_key: `main:uploaded_files:${f.id}`,
      search: searchText(number, title, notes),
      ...run.stamp(
        moscowLocalToUtc(f.created_at),
        run.key('main', 'users', f.uploader_id)?.entity_id ?? run.people.match(f.uploaded_by),
        moscowLocalToUtc(f.updated_at),
      ),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await run.audit('document.create', 'document', row.id, row)
  return row.id
}
