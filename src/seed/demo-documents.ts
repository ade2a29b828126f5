import type { Actor } from '../app-env.ts'
import type { Db } from '../db/connect.ts'
import { createDocument } from '../documents/documents.queries.ts'
import { createTransmittal, shipOrReturn } from '../documents/movements.queries.ts'

const TITLES: [string, string][] = [
  ['АОСР', 'Подготовка поверхности покрытия перед нанесением разметки'],
  ['АОСР', 'Предварительная разбивка (премаркировка) линий разметки'],
  ['ИСх', 'Исполнительная схема горизонтальной разметки'],
  ['ВОР', 'Ведомость объемов выполненных работ'],
  ['АПК', 'Акт приемочного контроля качества дорожной разметки'],
  ['РПМ', 'Реестр применяемых материалов (термопластик, микростеклошарики)'],
  ['ПИ', 'Протокол испытаний световозвращения разметки'],
  ['ФО', 'Фотоотчет о выполненных работах'],
]

const day = (base: Date, shift: number) =>
  new Date(base.getTime() + shift * 86400_000).toISOString().slice(0, 10)

// The executive documentation of the first projects: acts sent, some returned, a few overdue.
export async function seedDemoDocuments(
  db: Db,
  actor: Actor,
  projects: { id: number; code: string }[],
) {
  const types = new Map(
    (await db.selectFrom('document_types').select(['id', 'short_name']).execute()).map((t) => [
      t.short_name,
      t.id,
    ]),
  )
  const today = new Date()
  let count = 0
  for (const [pi, p] of projects.slice(0, 12).entries()) {
    const ids: number[] = []
    for (const [i, [type, title]] of TITLES.entries()) {
      const d = await createDocument(db, actor, p.id, {
        type_id: types.get(type) ?? types.get('ПР')!,
        number: `${type}-${String(i + 1).padStart(2, '0')}`,
        title,
        doc_date: day(today, -40 + i),
        sheets: 1 + ((i * 3) % 7),
        notes: null,
      })
      ids.push(d.id)
      count++
    }
    const recipient = 'Технический надзор заказчика, Фёдоров В. С.'
    // First act: sent long ago; half of it came back signed, one with remarks.
    await createTransmittal(db, actor, p, ids.slice(0, 4), {
      recipient,
      on_date: day(today, -25 + (pi % 5)),
      method: 'hand',
      notes: null,
    })
    await shipOrReturn(db, actor, p.id, ids.slice(0, 2), {
      kind: 'return',
      on_date: day(today, -15),
      condition: 'signed',
      notes: null,
    })
    await shipOrReturn(db, actor, p.id, [ids[2]], {
      kind: 'return',
      on_date: day(today, -14),
      condition: 'remarks',
      notes: 'Уточнить привязку к пикетам',
    })
    // Second act: recent; the rest stay in the office.
    if (pi % 2 === 0)
      await createTransmittal(db, actor, p, ids.slice(4, 6), {
        recipient,
        on_date: day(today, -3),
        method: 'edo',
        notes: null,
      })
  }
  return count
}
