import { EventEmitter } from 'node:events'
import { PostgresAdapter, sql } from 'kysely'
import type { Actor } from '../app-env.ts'
import type { Db } from '../db/connect.ts'
import type { LiveEvent } from '../live/hub.ts'
import type { Job } from './jobs.table.ts'

// The jobs table as a queue: enqueue, claim exactly once, finish, fail, re-queue. The Worker
// (worker.ts) drives it; features only call enqueue() and register a handler.

export const STALE_MS = 60_000 // a running job without a heartbeat for this long was abandoned
export const DEFAULT_MAX_ATTEMPTS = 3

export const INTERRUPTED_ERROR =
  'Задание прервано: сервер, который его выполнял, перестал отвечать. Нажмите «Повторить».'
export const INTERNAL_ERROR =
  'Внутренняя ошибка при выполнении задания. Нажмите «Повторить»; если ошибка повторится, сообщите администратору.'

export const jobStream = (id: number | string) => `job:${id}`
export const JOB_FRAGMENT = 'job.progress'

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter
const nowIso = () => new Date().toISOString()

// ---- same-process wake-up: a worker in this process claims a new job at once ----------------
const wakeBus = new EventEmitter()
wakeBus.setMaxListeners(0)
export const wakeWorkers = () => void wakeBus.emit('wake')
export function onWake(fn: () => void) {
  wakeBus.on('wake', fn)
  return () => void wakeBus.off('wake', fn)
}

// After a change to a job's row, its page's progress block is re-rendered for the creator.
export async function publishJob(live: { publish(e: LiveEvent): unknown }, id: number) {
  await live.publish({ stream: jobStream(id), kind: JOB_FRAGMENT, id })
}

export interface EnqueueOptions {
  maxAttempts?: number
  runAfter?: Date
  message?: string // shown under the bar while queued
}

// Inside a transaction the row is not visible until commit: call wakeWorkers() after it (or
// let the worker's polling find it within a poll interval).
export async function enqueue(
  db: Db,
  actor: Pick<Actor, 'userId'>,
  kind: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload ?? null),
      state: 'queued',
      progress: 0,
      message: opts.message ?? null,
      attempts: 0,
      max_attempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_after: (opts.runAfter ?? new Date()).toISOString(),
      locked_by: null,
      heartbeat_at: null,
      result_file_id: null,
      error: null,
      created_at: nowIso(),
      created_by: actor.userId,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (!db.isTransaction) wakeWorkers()
  return row.id
}

// Atomically takes the oldest due job of these kinds. PostgreSQL: the row is locked by the
// subquery and concurrent claimers skip it (SKIP LOCKED); SQLite serializes writers, and the
// outer state check makes a lost race return nothing rather than the same job twice.
export async function claimNext(
  db: Db,
  lockedBy: string,
  kinds: readonly string[],
): Promise<Job | null> {
  if (!kinds.length) return null
  const now = nowIso()
  const pg = isPg(db)
  const row = await db
    .updateTable('jobs')
    .set({
      state: 'running',
      locked_by: lockedBy,
      attempts: sql`attempts + 1`,
      heartbeat_at: now,
    })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('state', '=', 'queued')
        .where('run_after', '<=', now)
        .where('kind', 'in', [...kinds])
        .orderBy('id')
        .limit(1)
        .$if(pg, (q) => q.forUpdate().skipLocked()),
    )
    .where('state', '=', 'queued')
    .returningAll()
    .executeTakeFirst()
  return row ?? null
}

// Running jobs whose process died (no heartbeat for staleMs): back to the queue while attempts
// remain, otherwise failed. Safe to run from every process at once.
export async function recoverStale(db: Db, staleMs = STALE_MS) {
  const cutoff = new Date(Date.now() - staleMs).toISOString()
  const now = nowIso()
  const requeued = await db
    .updateTable('jobs')
    .set({
      state: 'queued',
      locked_by: null,
      heartbeat_at: null,
      run_after: now,
      message: 'Выполнение прервалось — задание продолжится',
    })
    .where('state', '=', 'running')
    .where('heartbeat_at', '<', cutoff)
    .whereRef('attempts', '<', 'max_attempts')
    .returning('id')
    .execute()
  const failed = await db
    .updateTable('jobs')
    .set({ state: 'failed', locked_by: null, error: INTERRUPTED_ERROR, finished_at: now })
    .where('state', '=', 'running')
    .where('heartbeat_at', '<', cutoff)
    .whereRef('attempts', '>=', 'max_attempts')
    .returning('id')
    .execute()
  return { requeued: requeued.map((r) => r.id), failed: failed.map((r) => r.id) }
}

// A failed job, by its creator: queued again from scratch. Null if it was not (or no longer) failed.
export async function retryJob(db: Db, id: number, userId: number): Promise<number | null> {
  const row = await db
    .updateTable('jobs')
    .set({
      state: 'queued',
      attempts: 0,
      progress: 0,
      message: null,
      error: null,
      run_after: nowIso(),
      locked_by: null,
      heartbeat_at: null,
      result_file_id: null,
      finished_at: null,
    })
    .where('id', '=', id)
    .where('created_by', '=', userId)
    .where('state', '=', 'failed')
    .returning('id')
    .executeTakeFirst()
  if (row && !db.isTransaction) wakeWorkers()
  return row?.id ?? null
}

export type JobWithFile = Job & { file_name: string | null }

// A job with its result file's name (for the download link).
export async function loadJob(db: Db, id: number): Promise<JobWithFile | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const row = await db
    .selectFrom('jobs')
    .leftJoin('files', 'files.id', 'jobs.result_file_id')
    .selectAll('jobs')
    .select('files.original_name as file_name')
    .where('jobs.id', '=', id)
    .executeTakeFirst()
  return row ?? null
}
