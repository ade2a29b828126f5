import type { Run } from './run.ts'
import { norm, text, type LegacyFile } from './source.ts'
import { moscowLocalToUtc } from './time.ts'

export const OTHER_TYPE = 'Прочая документация'

interface TypeRow {
  id: number
  name: string
  short_name: string
}

// Document types by name: the old app's ten are seeded here under the same names.
export class DocTypes {
  private constructor(
    private run: Run,
    private all: TypeRow[],
  ) {}

  static load(run: Run) {
    return run.memo('doc-types', async () => {
      const all = await run.trx
        .selectFrom('document_types')
        .select(['id', 'name', 'short_name'])
        .orderBy('sort_order')
        .orderBy('id')
        .execute()
      return new DocTypes(run, all)
    })
  }

  byName(name: unknown) {
    const n = norm(name)
    return n ? (this.all.find((t) => norm(t.name) === n)?.id ?? null) : null
  }

  // The PTO tool's free-text type: the same name, the same short name («АОСР»), a name that
  // holds the text or whose short name is a word of it; otherwise «Прочая документация».
  async closest(value: unknown): Promise<number> {
    const n = norm(value)
    if (n) {
      const words = n.split(/[^\p{L}\d]+/u)
      const hit =
        this.byName(n) ??
        this.all.find((t) => norm(t.short_name) === n)?.id ??
        (n.length >= 4 ? this.all.find((t) => norm(t.name).includes(n))?.id : undefined) ??
        this.all.find((t) => words.includes(norm(t.short_name)))?.id
      if (hit) return hit
    }
    return this.byName(OTHER_TYPE) ?? (await this.create(OTHER_TYPE, null))
  }

  async create(name: string, at: string | null) {
    const short = name
      .split(/\s+/)
      .map((w) => w[0]?.toUpperCase() ?? '')
      .join('')
      .slice(0, 10)
    const row = await this.run.trx
      .insertInto('document_types')
      .values({
        name,
        short_name: short || name.slice(0, 10),
        sort_order: this.all.length + 1,
        ...this.run.stamp(at),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    this.all.push(row)
    await this.run.audit('document_type.create', 'document_type', row.id, row)
    return row.id
  }
}

// document_types → document types by name; a name not here becomes a new type.
export async function importDocTypes(run: Run, main: LegacyFile) {
  const t = run.tally('main', 'document_types')
  const types = await DocTypes.load(run)
  for (const r of main.rows<{ id: number; name: string; created_at: string | null }>(
    'document_types',
  )) {
    if (run.already(t, 'main', 'document_types', r.id)) continue
    const name = text(r.name)
    if (!name) {
      t.skip(r.id, 'Пустое название типа')
      continue
    }
    const found = types.byName(name)
    const id = found ?? (await types.create(name, moscowLocalToUtc(r.created_at)))
    await run.remember('main', 'document_types', r.id, 'document_type', id)
    if (found) t.merged()
    else t.imported()
  }
}
