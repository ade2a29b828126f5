import type { Db } from '../db/connect.ts'
import { round3 } from './ledger.ts'

export interface BalancePoint {
  date: string // YYYY-MM-DD: the balance at the end of that day
  in_store: number
  on_site: number
}

// A batch's balance over time: its movements summed per day, then added up in date order.
// One grouped query: a row per day the batch moved, however many movements that day had.
export async function batchBalanceSeries(db: Db, batchId: number): Promise<BalancePoint[]> {
  const rows = await db
    .selectFrom('stock_movements')
    .select([
      'moved_on',
      (eb) => eb.fn.sum<number>('store_delta').as('store'),
      (eb) => eb.fn.sum<number>('site_delta').as('site'),
    ])
    .where('batch_id', '=', batchId)
    .groupBy('moved_on')
    .orderBy('moved_on')
    .execute()
  let store = 0
  let site = 0
  return rows.map((r) => {
    store += Number(r.store ?? 0)
    site += Number(r.site ?? 0)
    return { date: String(r.moved_on).slice(0, 10), in_store: round3(store), on_site: round3(site) }
  })
}
