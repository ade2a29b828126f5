import { expect } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { registerJobHandlers } from '../../src/jobs/handlers.ts'
import { Worker } from '../../src/jobs/worker.ts'
import type { TestApp } from './app.ts'

// Runs the real job worker (every registered handler) until the job is done, then stops it.
export async function runJobUntilDone(t: TestApp, jobId: number, uploadDir: string) {
  const w = registerJobHandlers(new Worker({ db: t.db.db, live: t.live, pollMs: 50 }), {
    config: loadConfig({ UPLOAD_DIR: uploadDir }),
  }).start()
  try {
    await expect
      .poll(
        async () =>
          (
            await t.db.db
              .selectFrom('jobs')
              .select('state')
              .where('id', '=', jobId)
              .executeTakeFirstOrThrow()
          ).state,
        {
          timeout: 15000,
        },
      )
      .toBe('done')
  } finally {
    await w.stop()
  }
}

export const jobIdOf = (r: Response) => Number(r.headers.get('location')!.split('/').pop())
