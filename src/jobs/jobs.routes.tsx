import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../app-env.ts'
import { userOf } from '../app-env.ts'
import { requireUser } from '../auth/middleware.ts'
import { sendFile } from '../files/download.ts'
import { findFile } from '../files/files.queries.ts'
import { redirectWithFlash, wantsFragment } from '../lib/flash.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { JobPage, JobProgress } from '../../views/jobs/JobProgress.tsx'
import { jobStream, loadJob, publishJob, retryJob } from './queue.ts'
import { jobTitle } from './titles.ts'

// Mounted at /jobs. A job is its creator's alone: anyone else gets the same 404 as for a job
// that does not exist.
export const jobRoutes = new Hono<AppEnv>()
jobRoutes.use(requireUser())

async function ownJob(c: Ctx) {
  const job = await loadJob(c.get('db'), Number(c.req.param('id')))
  return job && job.created_by === userOf(c).id ? job : null
}

jobRoutes.get('/:id{[0-9]+}', async (c) => {
  const job = await ownJob(c)
  if (!job) return renderError(c, 404)
  if (wantsFragment(c)) return c.html(<JobProgress job={job} />)
  return c.render(<JobPage job={job} />, {
    title: jobTitle(job.kind),
    streams: [jobStream(job.id)],
  })
})

jobRoutes.get('/:id{[0-9]+}/download', async (c) => {
  const job = await ownJob(c)
  const file =
    job?.state === 'done' && job.result_file_id
      ? await findFile(c.get('db'), job.result_file_id)
      : null
  if (!file) return renderError(c, 404)
  return sendFile(c, file)
})

jobRoutes.post('/:id{[0-9]+}/retry', async (c) => {
  const job = await ownJob(c)
  if (!job) return renderError(c, 404)
  const { db, live } = c.get('deps')
  const requeued = await retryJob(db, job.id, userOf(c).id)
  if (requeued) await publishJob(live, job.id)
  if (wantsFragment(c)) return c.html(<JobProgress job={(await loadJob(db, job.id)) ?? job} />)
  return redirectWithFlash(
    c,
    `/jobs/${job.id}`,
    requeued
      ? 'Задание поставлено в очередь повторно'
      : 'Повторить можно только задание, завершившееся ошибкой',
  )
})
