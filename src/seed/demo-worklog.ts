import type { Actor } from '../app-env.ts'
import type { Db } from '../db/connect.ts'
import { createEntries, prepareLines } from '../worklog/worklog.queries.ts'

const day = (shift: number) =>
  new Date(Date.now() + 3 * 3600_000 + shift * 86400_000).toISOString().slice(0, 10)

// Two crews and three weeks of daily lines on the first projects of each site.
export async function seedDemoWorklog(
  db: Db,
  ids: Record<string, number>,
  projects: { id: number; code: string }[],
) {
  const now = new Date().toISOString()
  const crews: number[] = []
  for (const [name, foreman] of [
    ['Бригада Волкова', 'foreman.volkov'],
    ['Бригада Лебедева', 'foreman.lebedev'],
  ] as const) {
    const c = await db
      .insertInto('crews')
      .values({
        name,
        foreman_id: ids[foreman],
        notes: null,
        created_at: now,
        updated_at: now,
        created_by: ids.director,
        updated_by: ids.director,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('crew_members').values({ crew_id: c.id, user_id: ids[foreman] }).execute()
    crews.push(c.id)
  }
  const types = new Map(
    (await db.selectFrom('marking_types').select(['id', 'code']).execute()).map((t) => [
      t.code,
      t.id,
    ]),
  )
  let n = 0
  for (const [pi, p] of projects.entries()) {
    const foreman = pi % 2 ? 'foreman.lebedev' : 'foreman.volkov'
    const actor: Actor = { userId: ids[foreman], ip: 'seed-demo', requestId: null }
    for (let d = 20; d >= 1; d--) {
      if ((d + pi) % 7 === 0) continue // a day off
      const lines = [
        {
          material_code: 'tp',
          marking_type_id: types.get('1.1')!,
          width: null,
          metres: 800 + ((d * 137 + pi * 53) % 900),
          pieces: null,
          notes: null,
        },
        {
          material_code: 'tp',
          marking_type_id: types.get('1.5')!,
          width: null,
          metres: 1200 + ((d * 71) % 600),
          pieces: null,
          notes: null,
        },
        {
          material_code: 'kraska_b',
          marking_type_id: types.get('1.18')!,
          width: null,
          metres: null,
          pieces: 4 + (d % 6),
          notes: null,
        },
      ].map((line, index) => ({ index, line }))
      const head = {
        work_date: day(-d),
        section: `км ${10 + d} — км ${11 + d}`,
        crew_id: crews[pi % 2],
      }
      const prepared = await prepareLines(db, head, lines, day(0))
      if (Object.keys(prepared.errors).length)
        throw new Error(Object.values(prepared.errors).join('; '))
      n += (await createEntries(db, actor, p.id, prepared.entries)).length
    }
  }
  return n
}
