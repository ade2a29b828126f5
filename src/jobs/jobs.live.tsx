import { oob } from '../live/oob.ts'
import type { LiveRegistry } from '../live/registry.ts'
import { JobProgress } from '../../views/jobs/JobProgress.tsx'
import { JOB_FRAGMENT, loadJob } from './queue.ts'

// A job's page watches 'job:<id>'; only the user who started the job may.
export function registerJobsLive(r: LiveRegistry) {
  r.stream('job', {
    authorize: async (db, user, arg) => {
      const job = await loadJob(db, Number(arg))
      return !!job && job.created_by === user.id
    },
  })
  r.fragment(JOB_FRAGMENT, {
    load: (db, id) => loadJob(db, Number(id)),
    audience: async (_db, job, users) =>
      new Set(users.filter((u) => u.id === job.created_by).map((u) => u.id)),
    variant: () => 'creator',
    render: (_u, job) => oob(<JobProgress job={job} />),
  })
}
