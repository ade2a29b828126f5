import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openDb, type Db, type DbHandle } from '../../src/db/connect.ts'
import type { LiveEvent } from '../../src/live/hub.ts'
import {
  claimNext,
  enqueue,
  INTERNAL_ERROR,
  INTERRUPTED_ERROR,
  JOB_FRAGMENT,
  jobStream,
  recoverStale,
} from '../../src/jobs/queue.ts'
import { JobError, Worker, type WorkerOptions } from '../../src/jobs/worker.ts'
import { DIALECTS, freshDb, PG_URL, type TestDb } from '../support/db.ts'

const system = { userId: null }

// Polls until the check returns something truthy (no fixed sleeps, no timing assertions).
async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v) return v as NonNullable<T>
    if (Date.now() > until) throw new Error('waitFor: timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const row = (db: Db, id: number) =>
  db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

const settled = (db: Db, id: number) =>
  waitFor(async () => {
    const r = await row(db, id)
    return r.state === 'done' || r.state === 'failed' ? r : null
  })

// A gate a handler waits on; the test opens it.
function gate() {
  let open!: () => void
  const opened = new Promise<void>((r) => (open = r))
  return { open, opened }
}

describe.each(DIALECTS)('background jobs on %s', (dialect) => {
  let t: TestDb
  const workers: Worker[] = []
  const fast: Partial<WorkerOptions> = { pollMs: 20, heartbeatMs: 50, progressEveryMs: 10 }
  const worker = (opts: Partial<WorkerOptions> = {}, db: Db = t.db) => {
    const w = new Worker({ db, ...fast, ...opts })
    workers.push(w)
    return w
  }
  let kindSeq = 0
  const newKind = () => `test.kind${++kindSeq}` // each test its own kinds: no cross-talk

  beforeAll(async () => {
    t = await freshDb(dialect)
  })
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop(1000)))
  })
  afterAll(() => t.drop())

  it('claims only due jobs of its kinds, oldest first, each once', async () => {
    const kind = newKind()
    const other = newKind()
    const a = await enqueue(t.db, system, kind, { n: 1 })
    const later = await enqueue(
      t.db,
      system,
      kind,
      { n: 2 },
      { runAfter: new Date(Date.now() + 3600_000) },
    )
    const b = await enqueue(t.db, system, kind, { n: 3 })
    await enqueue(t.db, system, other, {})

    const first = await claimNext(t.db, 'w/1', [kind])
    expect(first).toMatchObject({ id: a, state: 'running', locked_by: 'w/1', attempts: 1 })
    expect(JSON.parse(first!.payload)).toEqual({ n: 1 })
    expect((await claimNext(t.db, 'w/2', [kind]))?.id).toBe(b)
    expect(await claimNext(t.db, 'w/3', [kind])).toBeNull() // 'later' is not due yet
    expect((await row(t.db, later)).state).toBe('queued')
    expect(await claimNext(t.db, 'w/4', [])).toBeNull()
  })

  it('one job is claimed exactly once by two workers polling concurrently', async () => {
    // PostgreSQL: a second pool to the same schema, so the claims really race on the server.
    const second: DbHandle =
      dialect === 'postgres' ? openDb(PG_URL, { schema: t.schema, poolSize: 5 }) : t
    try {
      const kind = newKind()
      // A bare race on one job: ten claims at once from two handles, one winner.
      const id = await enqueue(t.db, system, kind, {})
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => claimNext(i % 2 ? second.db : t.db, `r/${i}`, [kind])),
      )
      expect(claims.filter(Boolean).map((c) => c!.id)).toEqual([id])

      // Two workers draining a queue: every job handled once, never twice.
      const ran: [string, number][] = []
      const handler = (name: string) => async (job: { id: number }) => {
        ran.push([name, job.id])
        await new Promise((r) => setTimeout(r, Math.random() * 5))
      }
      const queued: number[] = []
      for (let i = 0; i < 30; i++) queued.push(await enqueue(t.db, system, kind, { i }))
      const a = worker({ id: 'A', concurrency: 2 }).register(kind, handler('A'))
      const b = worker({ id: 'B', concurrency: 2 }, second.db).register(kind, handler('B'))
      a.start()
      b.start()
      for (const j of queued) expect((await settled(t.db, j)).state).toBe('done')
      const ids = ran.map(([, j]) => j).sort((x, y) => x - y)
      expect(ids).toEqual(queued)
      const rows = await t.db
        .selectFrom('jobs')
        .select('attempts')
        .where('id', 'in', queued)
        .execute()
      expect(rows.every((r) => r.attempts === 1)).toBe(true)
    } finally {
      if (second !== t) await second.close()
    }
  })

  it('a job whose worker died mid-way is resumed by another worker and completes', async () => {
    const kind = newKind()
    const id = await enqueue(t.db, system, kind, { rows: 100 })
    // The dead process: claimed it, reported progress, then stopped heart-beating.
    const claimed = await claimNext(t.db, 'dead-host:1/1', [kind])
    expect(claimed?.id).toBe(id)
    const longAgo = new Date(Date.now() - 5 * 60_000).toISOString()
    await t.db
      .updateTable('jobs')
      .set({ progress: 40, message: 'Строки 1–40', heartbeat_at: longAgo })
      .where('id', '=', id)
      .execute()

    const seen: { attempts: number; progress: number }[] = []
    worker({ staleMs: 60_000 })
      .register(kind, async (job, ctx) => {
        seen.push({ attempts: job.attempts, progress: job.progress })
        await ctx.progress(100, 'Строки 41–100')
        return { message: 'Выгружено 100 строк' }
      })
      .start()
    const done = await settled(t.db, id)
    expect(done).toMatchObject({ state: 'done', progress: 100, attempts: 2, error: null })
    expect(done.message).toBe('Выгружено 100 строк')
    // The new run saw where the old one stopped (a handler may resume from it).
    expect(seen).toEqual([{ attempts: 2, progress: 40 }])
  })

  it('an abandoned job that used up its attempts fails with «Задание прервано»', async () => {
    const kind = newKind()
    const id = await enqueue(t.db, system, kind, {}, { maxAttempts: 1 })
    await claimNext(t.db, 'dead/1', [kind])
    await t.db
      .updateTable('jobs')
      .set({ heartbeat_at: new Date(Date.now() - 5 * 60_000).toISOString() })
      .where('id', '=', id)
      .execute()
    const fresh = await enqueue(t.db, system, kind, {})
    await claimNext(t.db, 'alive/1', [kind]) // heart-beating just now: not touched
    const { requeued, failed } = await recoverStale(t.db, 60_000)
    expect(requeued).not.toContain(id)
    expect(failed).toEqual([id])
    expect(await row(t.db, id)).toMatchObject({ state: 'failed', error: INTERRUPTED_ERROR })
    expect(INTERRUPTED_ERROR).toMatch(/^Задание прервано/)
    expect((await row(t.db, fresh)).state).toBe('running')
  })

  it('stop() aborts the running job and leaves it queued; the next worker resumes it', async () => {
    const kind = newKind()
    const id = await enqueue(t.db, system, kind, {})
    const started = gate()
    const first = worker().register(kind, async (_job, ctx) => {
      await ctx.progress(30, 'Половина листа')
      started.open()
      await new Promise((_, reject) =>
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
      )
    })
    first.start()
    await started.opened
    await first.stop()
    expect(await row(t.db, id)).toMatchObject({
      state: 'queued',
      attempts: 0, // a shutdown does not use up an attempt
      progress: 30,
      locked_by: null,
    })
    worker()
      .register(kind, async () => ({}))
      .start()
    expect(await settled(t.db, id)).toMatchObject({ state: 'done', attempts: 1 })
  })

  it('a handler that ignores the abort is released after the stop timeout; its late finish is ignored', async () => {
    const kind = newKind()
    const id = await enqueue(t.db, system, kind, {})
    const started = gate()
    const release = gate()
    const w = worker().register(kind, async () => {
      started.open()
      await release.opened
      return { message: 'слишком поздно' }
    })
    w.start()
    await started.opened
    await w.stop(30)
    expect(await row(t.db, id)).toMatchObject({ state: 'queued', locked_by: null })
    release.open()
    await waitFor(() => w.running === 0)
    expect(await row(t.db, id)).toMatchObject({
      state: 'queued',
      message: expect.not.stringMatching(/поздно/),
    })
  })

  it('a worker whose job was taken away (its heartbeat finds another lease) aborts it quietly', async () => {
    const kind = newKind()
    const id = await enqueue(t.db, system, kind, {})
    const started = gate()
    let reason: unknown = null
    worker()
      .register(kind, async (_job, ctx) => {
        started.open()
        await new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject((reason = ctx.signal.reason))),
        )
      })
      .start()
    await started.opened
    // What stale recovery and another worker's claim would leave behind.
    await t.db
      .updateTable('jobs')
      .set({ locked_by: 'other-host:1/1' })
      .where('id', '=', id)
      .execute()
    await waitFor(() => reason)
    expect(reason).toMatchObject({ name: 'JobInterrupted', why: 'lost' })
    const r = await row(t.db, id)
    expect(r).toMatchObject({ state: 'running', locked_by: 'other-host:1/1', error: null })
  })

  it('a failing handler is retried with a growing backoff, then fails with its message', async () => {
    const kind = newKind()
    const id = await enqueue(t.db, system, kind, {}, { maxAttempts: 3 })
    let calls = 0
    worker({ backoffMs: 60_000 })
      .register(kind, async () => {
        calls++
        throw new JobError('Сервер отчётов недоступен', { retry: true })
      })
      .start()

    // After each failure the job waits for its backoff; the test makes it due at once.
    const due = async (attempts: number) => {
      const r = await waitFor(async () => {
        const r = await row(t.db, id)
        return r.state === 'queued' && r.attempts === attempts ? r : null
      })
      await t.db
        .updateTable('jobs')
        .set({ run_after: new Date().toISOString() })
        .where('id', '=', id)
        .execute()
      return r
    }
    const one = await due(1)
    expect(one.error).toBe('Сервер отчётов недоступен')
    const wait1 = Date.parse(one.run_after) - Date.now()
    expect(wait1).toBeGreaterThan(30_000) // about a minute
    expect(wait1).toBeLessThan(90_000)
    const two = await due(2)
    expect(Date.parse(two.run_after) - Date.now()).toBeGreaterThan(90_000) // about two
    const failed = await settled(t.db, id)
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 3,
      error: 'Сервер отчётов недоступен',
    })
    expect(failed.finished_at).not.toBeNull()
    expect(calls).toBe(3)
  })

  it('a JobError without retry fails at once; an unexpected error shows a generic message', async () => {
    const kind = newKind()
    const bad = await enqueue(t.db, system, kind, { bad: true })
    const crash = await enqueue(t.db, system, kind, { bad: false }, { maxAttempts: 2 })
    worker({ backoffMs: 1 })
      .register<{ bad: boolean }>(kind, async (job) => {
        if (job.payload.bad) throw new JobError('Нет документов для выгрузки')
        throw new Error('ENOENT: /srv/secret/path')
      })
      .start()
    expect(await settled(t.db, bad)).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: 'Нет документов для выгрузки',
    })
    const c = await settled(t.db, crash)
    expect(c).toMatchObject({ state: 'failed', attempts: 2, error: INTERNAL_ERROR })
    expect(c.error).not.toContain('secret')
  })

  it('a handler running too long is aborted and failed', async () => {
    const kind = newKind()
    const id = await enqueue(t.db, system, kind, {})
    worker()
      .register(
        kind,
        (_job, ctx) =>
          new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
          ),
        { timeoutMs: 20 },
      )
      .start()
    expect((await settled(t.db, id)).error).toMatch(/слишком долго/)
  })

  it('progress is throttled, saved and published; enqueue wakes an idle worker at once', async () => {
    const kind = newKind()
    const events: LiveEvent[] = []
    const reported = gate()
    const finish = gate()
    worker({ pollMs: 60_000, progressEveryMs: 60_000, live: { publish: (e) => events.push(e) } })
      .register(kind, async (_job, ctx) => {
        for (let i = 1; i <= 100; i++) void ctx.progress(i / 2, `Строка ${i}`)
        reported.open()
        await finish.opened
        return { message: 'Готово: 100 строк' }
      })
      .start()
    const id = await enqueue(t.db, system, kind, {})
    await reported.opened
    // The first report is written at once, the other 99 wait for the interval.
    await waitFor(async () => (await row(t.db, id)).progress === 1)
    expect(await row(t.db, id)).toMatchObject({ state: 'running', message: 'Строка 1' })
    finish.open()
    expect(await settled(t.db, id)).toMatchObject({
      state: 'done',
      progress: 100,
      message: 'Готово: 100 строк',
    })
    const mine = events.filter((e) => e.stream === jobStream(id))
    expect(mine.every((e) => e.kind === JOB_FRAGMENT && String(e.id) === String(id))).toBe(true)
    // running + first progress + the trailing one (50 %, «Строка 100») + done
    expect(mine.length).toBeLessThanOrEqual(4)
    expect(mine.length).toBeGreaterThanOrEqual(3)

    // The worker now sleeps a whole minute between polls: only the wake-up on enqueue can
    // start this one within the wait.
    const next = await enqueue(t.db, system, kind, {})
    expect((await settled(t.db, next)).state).toBe('done')
  })
})
