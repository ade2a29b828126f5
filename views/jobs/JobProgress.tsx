import type { JobState } from '../../src/jobs/jobs.table.ts'
import { jobTitle } from '../../src/jobs/titles.ts'
import { formatDateTime, formatPercent } from '../../src/lib/format.ts'
import { domId } from '../../src/lib/dom-id.ts'

export interface JobView {
  id: number
  kind: string
  state: JobState
  progress: number
  message: string | null
  error: string | null
  attempts: number
  max_attempts: number
  result_file_id: number | null
  file_name: string | null
  finished_at: string | null
}

const STATE_LABEL: Record<JobState, string> = {
  queued: 'В очереди',
  running: 'Выполняется',
  done: 'Готово',
  failed: 'Ошибка',
}

// A job's progress block: the same markup on its page and in live pushes (id job-<id>).
export function JobProgress({ job }: { job: JobView }) {
  const percent = job.state === 'done' ? 100 : Math.max(0, Math.min(100, job.progress))
  const retrying = job.state === 'queued' && job.attempts > 0 && !!job.error
  return (
    <section
      id={domId('job', job.id)}
      class="card space-y-3"
      data-resync={`/jobs/${job.id}`}
      data-state={job.state}
      aria-live="polite"
      // Pushes carry the progress; until the job ends the block also re-reads itself now and
      // then, so a page that subscribed just after the last push (or has no socket) still ends.
      hx-get={job.state === 'queued' || job.state === 'running' ? `/jobs/${job.id}` : undefined}
      hx-trigger={job.state === 'queued' || job.state === 'running' ? 'every 3s' : undefined}
      hx-swap="outerHTML"
    >
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h2 class="text-lg font-semibold">{jobTitle(job.kind)}</h2>
        <span class="text-sm text-slate-600">{STATE_LABEL[job.state]}</span>
      </div>

      {job.state !== 'failed' && (
        <div class="space-y-1">
          <progress class="h-3 w-full" max="100" value={String(percent)} aria-label="Выполнено">
            {formatPercent(percent)}
          </progress>
          <p class="text-sm text-slate-700">
            <span class="font-medium">{formatPercent(percent)}</span>
            {job.message && <span> — {job.message}</span>}
            {!job.message && job.state === 'queued' && <span> — ожидает очереди</span>}
          </p>
        </div>
      )}

      {retrying && (
        <p class="rounded bg-amber-100 px-3 py-2 text-sm text-amber-900" role="status">
          Причина: {job.error}
        </p>
      )}

      {job.state === 'done' &&
        (job.result_file_id ? (
          <p>
            <a class="btn btn-primary" href={`/jobs/${job.id}/download`} hx-boost="false" download>
              Скачать{job.file_name ? ` «${job.file_name}»` : ' файл'}
            </a>
          </p>
        ) : (
          <p class="text-sm text-slate-600">Задание выполнено {formatDateTime(job.finished_at)}.</p>
        ))}

      {job.state === 'failed' && (
        <div class="space-y-2">
          <p class="rounded bg-red-50 px-3 py-2 text-red-900" role="alert">
            Не удалось выполнить задание: {job.error ?? 'причина неизвестна'}
          </p>
          <form method="post" action={`/jobs/${job.id}/retry`} hx-disabled-elt="find button">
            <button class="btn" type="submit">
              Повторить
            </button>
          </form>
        </div>
      )}
    </section>
  )
}

export function JobPage({ job }: { job: JobView }) {
  return (
    <div class="mx-auto max-w-2xl space-y-3">
      <h1 class="text-2xl font-semibold">Фоновое задание № {job.id}</h1>
      <JobProgress job={job} />
    </div>
  )
}
