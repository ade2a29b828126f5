import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Updateable } from 'kysely'
import pino, { type Logger } from 'pino'
import type { Db } from '../db/connect.ts'
import { jobDuration } from '../system/metrics.ts'
import type { LiveEvent } from '../live/hub.ts'
import type { Job, JobsTable } from './jobs.table.ts'
import {
  claimNext,
  INTERNAL_ERROR,
  onWake,
  publishJob,
  recoverStale,
  STALE_MS,
  wakeWorkers,
} from './queue.ts'

// How a feature runs work in the background:
//   const id = await enqueue(c.get('db'), actorOf(c), 'documents.export.xlsx', { filters })
//   return c.redirect(`/jobs/${id}`, 303) // the page shows live progress, then the download
// and its handler, registered in handlers.ts:
//   w.register<{ filters: … }>('documents.export.xlsx', async (job, ctx) => {
//     … ctx.signal.throwIfAborted(); await ctx.progress(40, 'Строк: 400 из 1000') …
//     return { fileId: stored.id, message: 'Выгружено строк: 1000' }
//   })
// A handler runs later, in any process: it checks access again as job.created_by, and may be
// run again after an interruption (job.attempts > 1, job.progress where the last run stopped).

// A message meant for the user (Russian). Other errors are logged and shown as INTERNAL_ERROR.
// retry: false (the default) fails the job at once — bad input will not get better by waiting;
// retry: true makes it try again with a backoff while attempts remain.
export class JobError extends Error {
  readonly retry: boolean
  constructor(message: string, opts: { retry?: boolean } = {}) {
    super(message)
    this.name = 'JobError'
    this.retry = opts.retry ?? false
  }
}

// Why a worker aborted a running handler (ctx.signal.reason).
export class JobInterrupted extends Error {
  constructor(readonly why: 'shutdown' | 'lost') {
    super(why === 'shutdown' ? 'Сервер останавливается' : 'Задание забрал другой обработчик')
    this.name = 'JobInterrupted'
  }
}

export type RunningJob<P = unknown> = Omit<Job, 'payload'> & { payload: P }

export interface JobContext {
  // Aborted on shutdown, on timeout, or when the job was taken away: stop and throw.
  signal: AbortSignal
  // Saved (at most every progressEveryMs) and pushed to the job's page. percent: 0..100.
  progress(percent: number, message?: string): Promise<void>
  db: Db
  logger: Logger
}

export interface JobResult {
  fileId?: number | null // a files row: offered for download on the job's page
  message?: string // shown when done (default «Готово»)
}

export type JobHandler<P = unknown> = (
  job: RunningJob<P>,
  ctx: JobContext,
) => Promise<JobResult | void>

export interface HandlerOptions {
  timeoutMs?: number // abort the handler's signal after this long (default 30 min)
}

export interface WorkerOptions {
  db: Db
  live?: { publish(e: LiveEvent): unknown } // the Hub; without it nothing is pushed
  logger?: Logger
  id?: string
  concurrency?: number // jobs run at once by this worker (1)
  pollMs?: number // how often to look for due jobs (500)
  heartbeatMs?: number // how often a running job proves its worker alive (10 s)
  staleMs?: number // a running job without heartbeat this long is abandoned (60 s)
  recoverEveryMs?: number // how often to look for abandoned jobs (15 s)
  progressEveryMs?: number // at most one progress write per this interval (250)
  backoffMs?: number // wait before the 2nd attempt; doubles each time (5 s)
  maxBackoffMs?: number // (5 min)
  stopTimeoutMs?: number // stop() waits this long for running handlers (8 s)
}

interface Running {
  job: Job
  lease: string // locked_by of this claim: every later write is guarded by it
  controller: AbortController
  done: Promise<void>
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref())

export class Worker {
  readonly id: string
  private o: Required<Omit<WorkerOptions, 'live' | 'logger' | 'id'>>
  private live: WorkerOptions['live']
  private logger: Logger
  private handlers = new Map<string, { handler: JobHandler<any>; timeoutMs: number }>()
  private active = new Map<number, Running>()
  private loop: Promise<void> | null = null
  private stopping = false
  private woken = false
  private wakeUp: (() => void) | null = null
  private unsubscribe: (() => void) | null = null
  private nextRecovery = 0
  private seq = 0

  constructor(opts: WorkerOptions) {
    this.id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
    this.live = opts.live
    this.logger = (opts.logger ?? pino({ level: 'silent' })).child({ worker: this.id })
    this.o = {
      db: opts.db,
      concurrency: opts.concurrency ?? 1,
      pollMs: opts.pollMs ?? 500,
      heartbeatMs: opts.heartbeatMs ?? 10_000,
      staleMs: opts.staleMs ?? STALE_MS,
      recoverEveryMs: opts.recoverEveryMs ?? 15_000,
      progressEveryMs: opts.progressEveryMs ?? 250,
      backoffMs: opts.backoffMs ?? 5_000,
      maxBackoffMs: opts.maxBackoffMs ?? 5 * 60_000,
      stopTimeoutMs: opts.stopTimeoutMs ?? 8_000,
    }
  }

  register<P = unknown>(kind: string, handler: JobHandler<P>, opts: HandlerOptions = {}) {
    this.handlers.set(kind, { handler, timeoutMs: opts.timeoutMs ?? 30 * 60_000 })
    return this
  }

  get running() {
    return this.active.size
  }

  start() {
    if (this.loop) return this
    this.stopping = false
    this.unsubscribe = onWake(() => this.wake())
    this.loop = this.run()
    return this
  }

  // Stops claiming; running handlers are aborted (ctx.signal) and awaited up to the timeout.
  // A job not finished by then goes back to the queue, its attempt not counted, and is
  // resumed by the next worker (after a restart, or another process at once).
  // graceMs: jobs in flight may finish first (a restart); after it they are aborted, and one
  // that does not stop within timeoutMs is re-queued for another process to resume.
  async stop(timeoutMs = this.o.stopTimeoutMs, graceMs = 0) {
    if (!this.loop) return
    this.stopping = true
    this.unsubscribe?.()
    this.wake()
    await this.loop
    this.loop = null
    const running = [...this.active.values()]
    const settled = Promise.allSettled(running.map((r) => r.done)).then(() => true)
    if (graceMs > 0 && running.length) await Promise.race([settled, sleep(graceMs)])
    for (const r of running) r.controller.abort(new JobInterrupted('shutdown'))
    if (!(await Promise.race([settled, sleep(timeoutMs).then(() => false)]))) {
      // Handlers that ignore their signal: free their rows; their late writes are ignored.
      for (const r of this.active.values()) await this.requeueInterrupted(r)
    }
  }

  // Look for work now (a job was enqueued in this process, or a slot became free).
  wake() {
    if (this.wakeUp) this.wakeUp()
    else this.woken = true
  }

  // ---- the loop -----------------------------------------------------------------------------
  private async run() {
    while (!this.stopping) {
      await this.tick()
      if (this.stopping) break
      await this.idle()
    }
  }

  private idle() {
    if (this.woken) {
      this.woken = false
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.wakeUp = null
        resolve()
      }
      const timer = setTimeout(done, this.o.pollMs)
      this.wakeUp = done
    })
  }

  private async tick() {
    const { db } = this.o
    try {
      if (Date.now() >= this.nextRecovery) {
        this.nextRecovery = Date.now() + this.o.recoverEveryMs
        const { requeued, failed } = await recoverStale(db, this.o.staleMs)
        if (requeued.length || failed.length)
          this.logger.warn({ requeued, failed }, 'abandoned jobs recovered')
        for (const id of [...requeued, ...failed]) await this.publish(id)
      }
      const kinds = [...this.handlers.keys()]
      while (!this.stopping && this.active.size < this.o.concurrency) {
        const lease = `${this.id}/${++this.seq}`
        const job = await claimNext(db, lease, kinds)
        if (!job) break
        this.begin(job, lease)
      }
    } catch (err) {
      this.logger.error({ err }, 'job queue poll failed')
    }
  }

  // ---- one job ------------------------------------------------------------------------------
  private begin(job: Job, lease: string) {
    const r = { job, lease, controller: new AbortController() } as Running
    this.active.set(job.id, r) // synchronously: stop() sees every claimed job
    r.done = this.execute(r).finally(() => {
      this.active.delete(job.id)
      this.wake()
    })
  }

  private async execute(r: Running) {
    const { job, controller } = r
    const def = this.handlers.get(job.kind)!
    const log = this.logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts })
    const progress = new ProgressWriter(this.o.progressEveryMs, (p, m) =>
      this.saveProgress(r, p, m),
    )
    const beat = setInterval(() => void this.heartbeat(r), this.o.heartbeatMs)
    beat.unref()
    const timeout = setTimeout(
      () => controller.abort(new JobError('Задание выполнялось слишком долго и было остановлено')),
      def.timeoutMs,
    )
    timeout.unref()
    log.info('job started')
    await this.publish(job.id)
    const started = performance.now()
    const took = () => (performance.now() - started) / 1000
    try {
      let payload: unknown
      try {
        payload = JSON.parse(job.payload)
      } catch {
        throw new JobError('Параметры задания повреждены')
      }
      const result = await def.handler(
        { ...job, payload },
        {
          signal: controller.signal,
          progress: (p, m) => progress.report(p, m),
          db: this.o.db,
          logger: log,
        },
      )
      await progress.close()
      await this.complete(r, result ?? {})
      jobDuration.observe({ kind: job.kind, outcome: 'done' }, took())
      log.info('job done')
    } catch (err) {
      await progress.close()
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : null
      if (reason instanceof JobInterrupted && reason.why === 'lost') {
        log.warn('job taken away from this worker')
      } else if (reason instanceof JobInterrupted) {
        log.info('job interrupted by shutdown')
        await this.requeueInterrupted(r)
        jobDuration.observe({ kind: job.kind, outcome: 'interrupted' }, took())
      } else {
        await this.fail(r, reason instanceof JobError ? reason : err, log)
        jobDuration.observe({ kind: job.kind, outcome: 'failed' }, took())
      }
    } finally {
      clearInterval(beat)
      clearTimeout(timeout)
    }
  }

  // Every write of a running job is guarded by its lease and state: a worker that lost the job
  // (stale recovery gave it to another) cannot overwrite the new run.
  private mine(r: Running) {
    return this.o.db
      .updateTable('jobs')
      .where('id', '=', r.job.id)
      .where('locked_by', '=', r.lease)
      .where('state', '=', 'running')
  }

  private async heartbeat(r: Running) {
    try {
      const res = await this.mine(r)
        .set({ heartbeat_at: new Date().toISOString() })
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) === 0) r.controller.abort(new JobInterrupted('lost'))
    } catch (err) {
      this.logger.error({ err, jobId: r.job.id }, 'job heartbeat failed')
    }
  }

  private async saveProgress(r: Running, percent: number, message: string | undefined) {
    await this.write(r, {
      progress: percent,
      heartbeat_at: new Date().toISOString(),
      ...(message !== undefined ? { message } : {}),
    })
  }

  private async complete(r: Running, result: JobResult) {
    await this.write(r, {
      state: 'done',
      progress: 100,
      message: result.message ?? 'Готово',
      result_file_id: result.fileId ?? null,
      error: null,
      finished_at: new Date().toISOString(),
    })
  }

  private async fail(r: Running, err: unknown, log: Logger) {
    const { job } = r
    const known = err instanceof JobError
    const text = known ? err.message : INTERNAL_ERROR
    const again = (!known || err.retry) && job.attempts < job.max_attempts
    if (known) log.warn({ error: err.message }, 'job failed')
    else log.error({ err }, 'job failed')
    if (again) {
      const wait = Math.min(this.o.backoffMs * 2 ** (job.attempts - 1), this.o.maxBackoffMs)
      await this.write(r, {
        state: 'queued',
        error: text,
        message: `Попытка ${job.attempts} из ${job.max_attempts} не удалась, повторим`,
        run_after: new Date(Date.now() + wait).toISOString(),
        locked_by: null,
        heartbeat_at: null,
      })
    } else {
      await this.write(r, {
        state: 'failed',
        error: text,
        finished_at: new Date().toISOString(),
      })
    }
  }

  // Shutdown is not the job's fault: the attempt is not counted.
  private async requeueInterrupted(r: Running) {
    await this.write(r, {
      state: 'queued',
      attempts: Math.max(0, r.job.attempts - 1),
      message: 'Сервер перезапускается — задание продолжится',
      run_after: new Date().toISOString(),
      locked_by: null,
      heartbeat_at: null,
    })
  }

  private async write(r: Running, values: Updateable<JobsTable>) {
    try {
      const res = await this.mine(r).set(values).executeTakeFirst()
      if (Number(res.numUpdatedRows)) await this.publish(r.job.id)
    } catch (err) {
      // The database is unreachable: stale recovery will deal with the row later.
      this.logger.error({ err, jobId: r.job.id }, 'job state write failed')
    }
  }

  private async publish(id: number) {
    if (!this.live) return
    try {
      await publishJob(this.live, id)
    } catch (err) {
      this.logger.error({ err, jobId: id }, 'job publish failed')
    }
  }
}

// Progress reports as often as a handler likes; at most one write per interval, the last
// report always written (trailing), writes never overlapping.
class ProgressWriter {
  private last = 0
  private pending: { p: number; m: string | undefined } | null = null
  private timer: NodeJS.Timeout | null = null
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private everyMs: number,
    private write: (percent: number, message: string | undefined) => Promise<void>,
  ) {}

  report(percent: number, message?: string): Promise<void> {
    const p = Math.max(0, Math.min(100, Math.round(Number(percent) || 0)))
    const m = message ?? this.pending?.m
    this.pending = { p, m }
    const wait = this.last + this.everyMs - Date.now()
    if (wait <= 0) return this.flush()
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), wait)
      this.timer.unref()
    }
    return Promise.resolve()
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const v = this.pending
    if (!v) return this.chain
    this.pending = null
    this.last = Date.now()
    this.chain = this.chain.then(() => this.write(v.p, v.m)).catch(() => {})
    return this.chain
  }

  async close() {
    await this.flush()
  }
}

export { wakeWorkers }
