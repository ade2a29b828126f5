import type { LegacyImport } from '../../src/legacy/legacy.table.ts'
import type { ImportReport } from '../../src/legacy/import.ts'
import { formatDateTime } from '../../src/lib/format.ts'
import { FormError, type FormState } from '../components/Field.tsx'
import { EmptyState, noDoubleSubmit } from '../components/ListStates.tsx'

const STATUS: Record<LegacyImport['status'], string> = {
  running: 'идёт',
  done: 'завершён',
  failed: 'ошибка',
}

export function ImportForm({ form }: { form: FormState }) {
  const err = (n: string) => form.errors[n] && <p class="field-error">{form.errors[n]}</p>
  return (
    <form
      id="import-form"
      method="post"
      action="/admin/import"
      enctype="multipart/form-data"
      class="card max-w-2xl space-y-3"
      {...noDoubleSubmit}
    >
      <FormError form={form} />
      <p class="text-sm text-slate-700">
        Загрузите файлы баз прежней программы. Импорт идёт в фоне; повторный запуск ничего не
        дублирует. Фотографии замечаний переносятся командой{' '}
        <code class="font-mono text-xs">npm run cli -- import-legacy --files ПАПКА</code>.
      </p>
      <div>
        <label class="label" for="f-main">
          Основная база: strod_service_tech.db
        </label>
        <input id="f-main" name="main" type="file" class="input" accept=".db,.sqlite" />
        {err('main')}
      </div>
      <div>
        <label class="label" for="f-pto">
          База учёта документов ПТО: pto_docs.db (если есть)
        </label>
        <input id="f-pto" name="pto" type="file" class="input" accept=".db,.sqlite" />
        {err('pto')}
      </div>
      <label class="flex items-center gap-2">
        <input
          type="checkbox"
          name="dry_run"
          value="1"
          checked={form.values.dry_run === '1'}
          class="h-5 w-5"
        />
        Пробный прогон: показать отчёт, ничего не записывая
      </label>
      <button class="btn btn-primary" type="submit">
        Запустить импорт
      </button>
    </form>
  )
}

export function ImportRuns({ runs }: { runs: LegacyImport[] }) {
  if (!runs.length)
    return (
      <EmptyState
        title="Импорт ещё не запускался"
        hint="Импорт переносит проекты, журнал работ, документы, замечания, склад и пользователей из прежней настольной программы. Начните с пробного прогона: он покажет отчёт, ничего не записывая."
        create={{ href: '#import-form', label: 'Запустить первый импорт' }}
      />
    )
  return (
    <table class="table table-cards bg-white">
      <thead>
        <tr>
          <th>Запуск</th>
          <th>Режим</th>
          <th>Состояние</th>
          <th>Отчёт</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr id={`import-${r.id}`}>
            <td data-label="Запуск">{formatDateTime(r.started_at)}</td>
            <td data-label="Режим">{r.dry_run ? 'пробный' : 'импорт'}</td>
            <td data-label="Состояние">{STATUS[r.status]}</td>
            <td data-label="Отчёт">
              <a class="link" href={`/admin/import/${r.id}`}>
                Отчёт № {r.id}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const TABLE_LABELS: Record<string, string> = {}

export function ImportReportView({
  run,
  report,
}: {
  run: LegacyImport
  report: ImportReport | null
}) {
  return (
    <div class="space-y-3">
      <p class="text-sm text-slate-600">
        {run.dry_run ? 'Пробный прогон (ничего не записано)' : 'Импорт'}, начат{' '}
        {formatDateTime(run.started_at)}
        {run.finished_at && `, завершён ${formatDateTime(run.finished_at)}`}.
        {run.job_id && (
          <a class="link ml-1" href={`/jobs/${run.job_id}`}>
            Фоновая задача
          </a>
        )}
      </p>
      {run.error && <p class="card border-red-300 bg-red-50 text-red-900">{run.error}</p>}
      {report && (
        <>
          <table class="table table-cards bg-white" id="import-report">
            <thead>
              <tr>
                <th>Таблица прежней программы</th>
                <th class="text-right">Прочитано</th>
                <th class="text-right">Импортировано</th>
                <th class="text-right">Объединено</th>
                <th class="text-right">Пропущено</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(report.tables).map(([name, t]) => (
                <tr>
                  <td data-label="Таблица" class="font-mono text-xs">
                    {TABLE_LABELS[name] ?? name}
                  </td>
                  <td data-label="Прочитано" class="text-right">
                    {t.read}
                  </td>
                  <td data-label="Импортировано" class="text-right">
                    {t.imported}
                  </td>
                  <td data-label="Объединено" class="text-right">
                    {t.merged}
                  </td>
                  <td data-label="Пропущено" class="text-right">
                    {t.skipped}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {Object.entries(report.tables).some(([, t]) => t.skippedRows.length > 0) && (
            <section class="card space-y-1" aria-labelledby="skipped-h">
              <h2 id="skipped-h" class="font-semibold">
                Пропущенные строки и причины
              </h2>
              <ul class="text-sm">
                {Object.entries(report.tables).flatMap(([name, t]) =>
                  t.skippedRows.map((s) => (
                    <li>
                      <span class="font-mono text-xs">
                        {name} {s.key}
                      </span>{' '}
                      — {s.reason}
                    </li>
                  )),
                )}
              </ul>
            </section>
          )}
          {report.files.missing.length > 0 && (
            <section class="card space-y-1" aria-labelledby="missing-h">
              <h2 id="missing-h" class="font-semibold">
                Файлы, которых нет (описание перенесено)
              </h2>
              <ul class="font-mono text-xs">
                {report.files.missing.map((f) => (
                  <li>{f}</li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  )
}
