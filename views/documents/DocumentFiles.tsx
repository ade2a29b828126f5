import { formatDateTime, formatNumber } from '../../src/lib/format.ts'

export interface FileVersion {
  version: number
  created_at: string
  file_id: number
  original_name: string
  size: number
  by_name: string | null
}

export function DocumentFiles(p: {
  documentId: number
  files: FileVersion[]
  canUpload: boolean
  error?: string
  maxMb: number
}) {
  return (
    <section class="card" id={`document-${p.documentId}-files`}>
      <h2 class="mb-2 font-semibold">Файлы</h2>
      {p.files.length === 0 ? (
        <p class="text-slate-600">
          {p.canUpload
            ? 'Файлов пока нет: загрузите скан подписанного документа или PDF в форме ниже.'
            : 'Файлов пока нет.'}
        </p>
      ) : (
        <ul class="divide-y text-sm">
          {p.files.map((f, i) => (
            <li class="flex flex-wrap items-center justify-between gap-2 py-1">
              <span>
                <a
                  class="link"
                  href={`/documents/${p.documentId}/files/${f.file_id}`}
                  hx-boost="false"
                  target="_blank"
                >
                  {f.original_name}
                </a>{' '}
                <span class="text-xs text-slate-500">
                  версия {f.version}
                  {i === 0 && ' (текущая)'} · {formatNumber(Math.round(f.size / 1024))} КБ
                </span>
              </span>
              <span class="text-xs text-slate-500">
                {f.by_name} · {formatDateTime(f.created_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {p.canUpload && (
        <form
          method="post"
          action={`/documents/${p.documentId}/files`}
          enctype="multipart/form-data"
          class="no-print mt-3 space-y-2"
          hx-boost="false"
          data-submit-once
        >
          <label class="label" for="f-file">
            Загрузить файл (PDF, изображение, XLSX/DOCX, DWG; до {formatNumber(p.maxMb)} МБ)
          </label>
          <input
            id="f-file"
            type="file"
            name="file"
            required
            class={`block w-full text-sm ${p.error ? 'input-error' : ''}`}
            aria-invalid={p.error ? 'true' : undefined}
          />
          {p.error && <p class="field-error">{p.error}</p>}
          <button class="btn" type="submit">
            Загрузить
          </button>
        </form>
      )}
    </section>
  )
}
