import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HubDeps } from '../../src/live/hub.ts'
import { registerJobsLive } from '../../src/jobs/jobs.live.tsx'
import { enqueue } from '../../src/jobs/queue.ts'
import { JobError, Worker } from '../../src/jobs/worker.ts'
import { DIALECTS } from '../support/db.ts'
import { ackOf, isAck, liveTestApp, type LiveTestApp } from '../support/live.ts'
import { formatPercent } from '../../src/lib/format.ts'

function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  return { open, opened }
}

describe.each(DIALECTS)('job progress live on %s', (dialect) => {
  let t: LiveTestApp
  let worker: Worker
  let owner: { id: number; cookie: string }
  let other: { id: number; cookie: string }
  const halfway = gate()
  const finish = gate()

  beforeAll(async () => {
    t = await liveTestApp(dialect)
    // Until live.ts registers it, the test adds the jobs streams to this hub's registry.
    registerJobsLive((t.live as unknown as { deps: HubDeps }).deps.registry)
    owner = await t.signIn('pto_engineer')
    other = await t.signIn('director')
    worker = new Worker({ db: t.db.db, live: t.live, pollMs: 20, progressEveryMs: 10 })
      .register('test.export', async (_job, ctx) => {
        await ctx.progress(10, 'Собираем строки')
        await halfway.opened
        await ctx.progress(60, 'Строки 1–600 из 1000')
        await finish.opened
        return { message: 'Выгрузка готова' }
      })
      .register('test.broken', async () => {
        throw new JobError('В реестре нет документов для выгрузки')
      })
    // Not started yet: each test starts it once its sockets listen.
  })
  afterAll(async () => {
    await worker.stop(1000)
    await t.close()
  })

  it('progress reaches the creator’s socket; another user may not watch the job', async () => {
    const id = await enqueue(t.db.db, { userId: owner.id }, 'test.export', {})
    const mine = await t.socket(owner.cookie, [`job:${id}`])
    const theirs = await t.socket(other.cookie, [`job:${id}`])
    try {
      expect(ackOf(await mine.next(isAck)).subscribed).toEqual([`job:${id}`])
      expect(ackOf(await theirs.next(isAck)).refused).toEqual([`job:${id}`])

      worker.start()
      const first = await mine.next(
        (m) => m.includes(`id="job-${id}"`) && m.includes(formatPercent(10)),
      )
      expect(first).toContain('hx-swap-oob="true"')
      expect(first).toContain('Собираем строки')
      halfway.open()
      await mine.next((m) => m.includes(`id="job-${id}"`) && m.includes('Строки 1–600 из 1000'))
      finish.open()
      const done = await mine.next(
        (m) => m.includes(`id="job-${id}"`) && m.includes('data-state="done"'),
      )
      expect(done).toContain('Выгрузка готова')
      expect(done).toContain(formatPercent(100))

      await t.live.idle()
      expect(theirs.messages.filter((m) => m.includes(`job-${id}`))).toEqual([])
    } finally {
      await Promise.all([mine.close(), theirs.close()])
    }
  })

  it('a failure is pushed with its reason and the retry button', async () => {
    await worker.stop(1000) // the job must not finish before the page listens
    const id = await enqueue(t.db.db, { userId: owner.id }, 'test.broken', {})
    const mine = await t.socket(owner.cookie, [`job:${id}`])
    try {
      await mine.next(isAck)
      worker.start()
      const failed = await mine.next(
        (m) => m.includes(`id="job-${id}"`) && m.includes('data-state="failed"'),
      )
      expect(failed).toContain('В реестре нет документов для выгрузки')
      expect(failed).toContain(`action="/jobs/${id}/retry"`)
    } finally {
      await mine.close()
    }
  })

  it('a stream name that is not a job id is refused', async () => {
    const s = await t.socket(owner.cookie, ['job:abc', 'job:0', 'job:99999999'])
    try {
      expect(ackOf(await s.next(isAck)).refused.sort()).toEqual(
        ['job:0', 'job:99999999', 'job:abc'].sort(),
      )
    } finally {
      await s.close()
    }
  })
})
