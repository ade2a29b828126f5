import type { Kysely } from 'kysely'
import { withBusiness, withId } from './_helpers.ts'

// Reference data: marking types (ГОСТ Р 51256-2018), materials of execution, crews.

type Seed = {
  code: string
  name: string
  kind: 'line' | 'symbol'
  width_m?: number
  dash_m?: number
  gap_m?: number
  fill_ratio?: number
  lines?: number
  piece_area_m2?: number
  source: string
}

const CHECK = 'проверить по ГОСТ'

// Commonly used values, every one unconfirmed (confirmed = 0) until a user checks it. Only the
// ratios of 1.5 (1:3) and 1.6 (3:1) are certain; the lengths within the ranges and the widths
// are typical choices, the piece areas are practice, not the standard.
const MARKING_TYPES: Seed[] = [
  {
    code: '1.1',
    name: 'Сплошная линия',
    kind: 'line',
    width_m: 0.1,
    source: `ГОСТ Р 51256-2018; ширина 0,10 м — типовая, ${CHECK}`,
  },
  {
    code: '1.2',
    name: 'Край проезжей части (сплошная)',
    kind: 'line',
    width_m: 0.2,
    source: `Ширина 0,20 м принята по практике (в ГОСТ Р 51256-2011 — 1.2.1); ${CHECK} Р 51256-2018`,
  },
  {
    code: '1.3',
    name: 'Двойная сплошная линия',
    kind: 'line',
    width_m: 0.1,
    lines: 2,
    source: `Две линии по 0,10 м, промежуток между ними не окрашивается; ${CHECK}`,
  },
  {
    code: '1.5',
    name: 'Прерывистая линия (штрих:промежуток 1:3)',
    kind: 'line',
    width_m: 0.1,
    dash_m: 3,
    gap_m: 9,
    source: `ГОСТ Р 51256-2018: l1:l2 = 1:3 (при v > 60 км/ч l1 = 3–4 м, l2 = 9–12 м); ширина 0,10 м — типовая, ${CHECK}`,
  },
  {
    code: '1.6',
    name: 'Линия приближения (штрих:промежуток 3:1)',
    kind: 'line',
    width_m: 0.1,
    dash_m: 9,
    gap_m: 3,
    source: `ГОСТ Р 51256-2018: l1:l2 = 3:1 (при v > 60 км/ч l1 = 6–9 м, l2 = 2–3 м); ширина 0,10 м — типовая, ${CHECK}`,
  },
  {
    code: '1.7',
    name: 'Прерывистая линия с короткими штрихами (в пределах перекрестка)',
    kind: 'line',
    width_m: 0.1,
    dash_m: 0.5,
    gap_m: 0.5,
    source: `Штрихи равны промежуткам (доля 0,5) по определению 1.7; длины 0,5 / 0,5 м и ширина 0,10 м приняты по практике; ${CHECK}`,
  },
  {
    code: '1.11',
    name: 'Сплошная и прерывистая линии рядом',
    kind: 'line',
    width_m: 0.1,
    lines: 2,
    fill_ratio: 0.625,
    source:
      'Две линии по 0,10 м: сплошная (доля 1) и прерывистая 1:3 (доля 0,25), общая доля ' +
      '(1 + 0,25) / 2 = 0,625. Если прерывистая часть выполнена как 1.6 (3:1), доля ' +
      `(1 + 0,75) / 2 = 0,875; ${CHECK} и проекту`,
  },
  {
    code: '1.12',
    name: 'Стоп-линия',
    kind: 'line',
    width_m: 0.4,
    source: `Ширина 0,40 м — типовая; ${CHECK}`,
  },
  {
    code: '1.14.1',
    name: 'Пешеходный переход («зебра»), одна полоса',
    kind: 'symbol',
    piece_area_m2: 1.6,
    source: `Считается по полосам: полоса 4,0 × 0,40 м = 1,6 м² при ширине перехода 4 м (при 6 м — 2,4 м²); ${CHECK}`,
  },
  {
    code: '1.18',
    name: 'Стрела «прямо»',
    kind: 'symbol',
    piece_area_m2: 1.05,
    source: `Площадь стрелы принята по практике; размер стрел зависит от разрешенной скорости — ${CHECK}`,
  },
  {
    code: '1.21',
    name: 'Надпись «СТОП»',
    kind: 'symbol',
    piece_area_m2: 2.6,
    source:
      'Площадь надписи принята по практике. Код: в DOMAIN.md указан 1.22, но по ПДД (прил. 2) ' +
      `надпись «СТОП» — 1.21, а 1.22 — номер дороги; ${CHECK}`,
  },
  {
    code: '1.23.1',
    name: 'Надпись «А» (полоса для маршрутных ТС)',
    kind: 'symbol',
    piece_area_m2: 1.2,
    source: `Площадь надписи принята по практике; ${CHECK}`,
  },
]

// The desktop app's slugs (project_volumes keys) and labels, as in src/materials/materials.ts.
const MATERIALS: [code: string, name: string, short: string][] = [
  ['tp', 'ТП (термопластик)', 'ТП'],
  ['tpj', 'ТПж (термопластик желтый)', 'ТПж'],
  ['hp', 'ХП (холодный пластик)', 'ХП'],
  ['hpj', 'ХПж (холодный пластик желтый)', 'ХПж'],
  ['kraska_b', 'Краска белая', 'Краска б'],
  ['kraska_ch', 'Краска черная', 'Краска ч'],
  ['kraska_j', 'Краска желтая', 'Краска ж'],
  ['vremyanka', 'Времянка', 'Времянка'],
  ['demarkirovka', 'Демаркировка', 'Демарк.'],
]

export async function up(db: Kysely<any>): Promise<void> {
  await withBusiness(
    db,
    withId(db, db.schema.createTable('marking_types'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // line | symbol
      .addColumn('width_m', 'double precision') // null for symbols
      .addColumn('dash_m', 'double precision')
      .addColumn('gap_m', 'double precision')
      .addColumn('fill_ratio', 'double precision') // dash / (dash + gap) when both are given
      .addColumn('lines', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('piece_area_m2', 'double precision') // symbols and arrows
      .addColumn('colour', 'text', (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute()
  const now = new Date().toISOString()
  await db
    .insertInto('marking_types')
    .values(
      MARKING_TYPES.map((t) => ({
        code: t.code,
        name: t.name,
        kind: t.kind,
        width_m: t.width_m ?? null,
        dash_m: t.dash_m ?? null,
        gap_m: t.gap_m ?? null,
        fill_ratio: t.dash_m && t.gap_m ? t.dash_m / (t.dash_m + t.gap_m) : (t.fill_ratio ?? null),
        lines: t.lines ?? 1,
        piece_area_m2: t.piece_area_m2 ?? null,
        colour: 'белая',
        source: t.source,
        confirmed: 0,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()

  await withBusiness(
    db,
    withId(db, db.schema.createTable('materials'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_temporary', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute()
  await db
    .insertInto('materials')
    .values(
      MATERIALS.map(([code, name, short_name], i) => ({
        code,
        name,
        short_name,
        sort_order: i + 1,
        is_temporary: code === 'vremyanka' ? 1 : 0,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()

  // Crews (бригады), e.g. «Бригада Петрова»: a foreman and the workers.
  await withBusiness(
    db,
    withId(db, db.schema.createTable('crews'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('foreman_id', 'integer', (c) => c.references('users.id'))
      .addColumn('notes', 'text'),
  ).execute()
  await db.schema
    .createTable('crew_members')
    .addColumn('crew_id', 'integer', (c) => c.notNull().references('crews.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('crew_members_pk', ['crew_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('crew_members_user_idx')
    .on('crew_members')
    .column('user_id')
    .execute()
  await db.schema.createIndex('crews_foreman_idx').on('crews').column('foreman_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['crew_members', 'crews', 'materials', 'marking_types'])
    await db.schema.dropTable(t).execute()
}
