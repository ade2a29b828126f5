import { searchText } from '../lib/format.ts'
import { DEFAULT_CONTRACTOR } from '../projects/projects.schema.ts'
import type { Run } from './run.ts'

// The few records the import makes when it first needs them, once per run, and finds again
// (by code) on later runs.

export const HOLDING_CODE = 'ИМПОРТ-БЕЗ-ОБЪЕКТА'
export const IMPORT_MARKING_CODE = 'ИМПОРТ'

// Documents (and remarks) whose object cannot be told go to one project made for them, found
// again by its code on later runs: every document here belongs to a project, and this one
// says plainly that its records still need a home.
export const holdingProject = (run: Run) =>
  run.memo('holding', async () => {
    const found = await run.trx
      .selectFrom('projects')
      .select('id')
      .where('code', '=', HOLDING_CODE)
      .executeTakeFirst()
    if (found) return found.id
    const name = 'Импорт: без объекта'
    const row = await run.trx
      .insertInto('projects')
      .values({
        contractor: DEFAULT_CONTRACTOR,
        customer_id: null,
        name,
        short_name: name,
        code: HOLDING_CODE,
        contract_number: null,
        contract_date: null,
        length_km: null,
        asphalt_date: null,
        start_date: null,
        end_date: null,
        status: 'active',
        comments:
          'Создан импортом из прежней программы: здесь записи, объект которых не удалось ' +
          'определить. Объект из прежней программы указан в примечании каждой записи.',
        legacy_key: null,
        search: searchText(name, HOLDING_CODE),
        ...run.stamp(null),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.audit('project.create', 'project', row.id, row)
    return row.id
  })

// The old days carry only m²: no marking type, no length, no pieces. Their lines name this
// type (made once): a symbol of 1 m² a piece, with pieces left empty, so the stored m² is the
// fact, sums of metres and pieces stay true, and the lines are easy to find and re-type.
export const importMarkingType = (run: Run) =>
  run.memo('marking-type', async () => {
    const found = await run.trx
      .selectFrom('marking_types')
      .select('id')
      .where('code', '=', IMPORT_MARKING_CODE)
      .executeTakeFirst()
    if (found) return found.id
    const row = await run.trx
      .insertInto('marking_types')
      .values({
        code: IMPORT_MARKING_CODE,
        name: 'Импорт из прежней программы',
        kind: 'symbol',
        width_m: null,
        dash_m: null,
        gap_m: null,
        fill_ratio: null,
        lines: 1,
        piece_area_m2: 1,
        colour: 'белая',
        source:
          'Создан импортом: в прежней программе за день записывалась только площадь, м², ' +
          'без типа разметки. Не для новых записей.',
        confirmed: 1,
        ...run.stamp(null),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.audit('marking_type.create', 'marking_type', row.id, row)
    return row.id
  })

// A kind of work the old data names by slug (the slugs are our materials' codes); an unknown
// one becomes a material of its own, so no line loses its material.
export const workMaterial = (run: Run, code: string) =>
  run.memo(`material:${code}`, async () => {
    const found = await run.trx
      .selectFrom('materials')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst()
    if (found) return found.id
    const row = await run.trx
      .insertInto('materials')
      .values({
        code,
        name: code,
        short_name: Array.from(code).slice(0, 20).join(''),
        sort_order: 500,
        is_work: 1,
        stocked: 0,
        ...run.stamp(null),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await run.audit('material.create', 'material', row.id, row)
    return row.id
  })

// Opening balances go to the first warehouse (the migration seeds «Основной склад»).
export const warehouse = (run: Run) =>
  run.memo('warehouse', async () => {
    const w = await run.trx
      .selectFrom('warehouses')
      .select('id')
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .executeTakeFirst()
    if (w) return w.id
    const row = await run.trx
      .insertInto('warehouses')
      .values({ name: 'Основной склад', address: null, ...run.stamp(null) })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
