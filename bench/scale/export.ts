// The XLSX export of the busiest project's document registry (10 000 rows at scale 1) as a
// job: posted as the registry's button posts it, timed until the job row says done.
import { performance } from 'node:perf_hooks'
import type { Db } from '../../src/db/connect.ts'
import type { ServerProcess } from '../lib/server-process.ts'
import { sleep } from '../lib/stats.ts'
import { postHeaders } from './writes.ts'

export interface ExportResult {
  rows: number
  seconds: number // from the POST until the job is done (queue wait, build, file stored)
  postMs: number
  bytes: number
  state: string
}

export async function runExport(
  server: ServerProcess,
  db: Db,
  cookie: string,
  projectId: number,
): Promise<ExportResult> {
  const rows = Number(
    (
      await db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('project_id', '=', projectId)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  )
  const t0 = performance.now()
  const res = await fetch(`${server.origin}/documents/export`, {
    method: 'POST',
    body: new URLSearchParams({ project: String(projectId) }).toString(),
    headers: postHeaders(server, cookie),
    redirect: 'manual',
  })
  const postMs = performance.now() - t0
  const m = /\/jobs\/(\d+)/.exec(res.headers.get('location') ?? '')
  if (res.status !== 303 || !m) throw new Error(`POST /documents/export answered ${res.status}`)
  const id = Number(m[1])
  for (;;) {
    const job = await db
      .selectFrom('jobs')
      .select(['state', 'result_file_id', 'error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    if (job.state === 'done' || job.state === 'failed') {
      const seconds = (performance.now() - t0) / 1000
      const file = job.result_file_id
        ? await db
            .selectFrom('files')
            .select('size')
            .where('id', '=', job.result_file_id)
            .executeTakeFirst()
        : undefined
      if (job.state === 'failed') throw new Error(`export job failed: ${job.error}`)
      return {
        rows,
        seconds: Math.round(seconds * 100) / 100,
        postMs: Math.round(postMs),
        bytes: Number(file?.size ?? 0),
        state: job.state,
      }
    }
    if (performance.now() - t0 > 300_000) throw new Error('export job not done within 5 minutes')
    await sleep(50)
  }
}
