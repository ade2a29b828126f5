import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { moscowToday } from '../../src/documents/state.ts'

describe.each(DIALECTS)('warehouse live on %s', (dialect) => {
  let t: LiveTestApp
  beforeAll(async () => {
    t = await liveTestApp(dialect)
  })
  afterAll(() => t.close())

  it('a receipt tells every open warehouse page to reload its stock figures; others may not watch', async () => {
    const director = await t.signIn('director')
    const store = await t.signIn('storekeeper')
    const inspector = await t.signIn('inspector')
    const watcher = await t.socket(director.cookie, ['stock'])
    expect(ackOf(await watcher.next(isAck)).subscribed).toEqual(['stock'])
    const outsider = await t.socket(inspector.cookie, ['stock'])
    expect(ackOf(await outsider.next(isAck)).refused).toEqual(['stock'])
    const tp = await t.db.db
      .selectFrom('materials')
      .select('id')
      .where('code', '=', 'tp')
      .executeTakeFirstOrThrow()
    const r = await t.post(
      '/stock/batches',
      {
        number: 'Live-1',
        material_id: String(tp.id),
        warehouse_id: '1',
        received_on: moscowToday(),
        received_qty: '500',
      },
      store.cookie,
    )
    expect(r.status).toBe(303)
    const pushed = await watcher.next((m) => m.includes('data-live-stock'))
    expect(pushed).toContain('id="live-refresh"')
    expect(pushed).toContain('data-targets="[data-live-stock]"')
    await t.live.idle()
    expect(outsider.messages.join('')).not.toContain('data-live-stock')
    // The page the notice reloads answers with the new figure.
    const region = await t.get('/stock', director.cookie, { 'hx-request': 'true' })
    const html = await region.text()
    expect(html).toContain('id="stock-overview"')
    expect(html).toContain('500 кг')
    await Promise.all([watcher.close(), outsider.close()])
  })
})
