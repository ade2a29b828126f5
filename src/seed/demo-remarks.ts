import sharp from 'sharp'
import type { Actor } from '../app-env.ts'
import { loadCurrentUser } from '../auth/load-user.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/connect.ts'
import { storePhoto } from '../files/images.ts'
import { attachPhoto } from '../remarks/photos.ts'
import { createRemark } from '../remarks/remarks.queries.ts'
import type { RemarkPriority, RemarkStatus } from '../remarks/remarks.table.ts'
import { changeStatus } from '../remarks/workflow.ts'

const REMARKS: [string, string, RemarkPriority, RemarkStatus][] = [
  ['Ширина линии 1.1 меньше 0,10 м', 'км 12+350 — км 12+420, левая полоса', 'high', 'new'],
  ['Отслоение термопластика на пешеходном переходе 1.14.1', 'км 14+080', 'critical', 'in_progress'],
  ['Пропуск разметки 1.5 после ремонта покрытия', 'км 15+200 — км 15+260', 'normal', 'fixed'],
  ['Неравномерное распределение микростеклошариков', 'км 16+000 — км 16+500', 'low', 'verified'],
  ['Стрелка 1.18 нанесена со смещением от оси полосы', 'км 17+330, съезд', 'normal', 'closed'],
  ['Остатки старой разметки не удалены (демаркировка)', 'км 18+100', 'high', 'rejected'],
]

const day = (shift: number) => new Date(Date.now() + shift * 86400_000).toISOString().slice(0, 10)

const photo = async (color: string, name: string) =>
  new File(
    [
      new Uint8Array(
        await sharp({ create: { width: 320, height: 240, channels: 3, background: color } })
          .jpeg()
          .toBuffer(),
      ),
    ],
    name,
    {
      type: 'image/jpeg',
    },
  )

// Remarks of construction control on the projects the demo inspector was given, in every state.
export async function seedDemoRemarks(
  db: Db,
  config: Config,
  ids: Record<string, number>,
  projects: { id: number; code: string }[],
) {
  const inspector = (await loadCurrentUser(db, ids['inspector.fedorov']))!
  const foreman = (await loadCurrentUser(db, ids['foreman.volkov']))!
  const as = (id: number): Actor => ({ userId: id, ip: 'seed-demo', requestId: null })
  let n = 0
  for (const [pi, p] of projects.entries()) {
    for (const [i, [title, location, priority, target]] of REMARKS.entries()) {
      const r = await createRemark(
        db,
        as(inspector.id),
        p,
        {
          title,
          description: 'Выявлено при выездной проверке строительного контроля.',
          location,
          priority,
          assignee_id: i % 2 ? ids['foreman.lebedev'] : foreman.id,
          deadline: day(i === 0 ? -3 - pi : 7 + i), // the first one of each project is overdue
        },
        config.REMARK_NUMBER_FORMAT,
      )
      n++
      const before = await storePhoto(
        db,
        as(inspector.id),
        config,
        await photo('#b91c1c', 'до.jpg'),
      )
      await attachPhoto(db, as(inspector.id), r.id, before, 'before')
      const path: RemarkStatus[] = {
        new: [],
        in_progress: ['in_progress'],
        fixed: ['in_progress', 'fixed'],
        verified: ['in_progress', 'fixed', 'verified'],
        closed: ['in_progress', 'fixed', 'verified', 'closed'],
        rejected: ['rejected'],
      }[target] as RemarkStatus[]
      for (const to of path) {
        if (to === 'fixed')
          await attachPhoto(
            db,
            as(foreman.id),
            r.id,
            await storePhoto(db, as(foreman.id), config, await photo('#15803d', 'после.jpg')),
            'after',
          )
        const who = to === 'in_progress' || to === 'fixed' ? foreman : inspector
        await changeStatus(
          db,
          as(who.id),
          who,
          r.id,
          to,
          to === 'rejected' ? 'Разметка выполнена по проекту, замечание снято' : null,
        )
      }
    }
  }
  return n
}
