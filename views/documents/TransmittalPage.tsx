import { METHODS } from '../../src/documents/documents.schema.ts'
import { formatDate } from '../../src/lib/format.ts'

export function TransmittalPage({
  t,
}: {
  t: {
    id: number
    number: string
    recipient: string
    sent_on: string
    method: string
    notes: string | null
    project: { id: number; code: string; name: string }
    sender: string
    documents: {
      id: number
      number: string
      title: string
      type_name: string
      doc_date: string | null
      sheets: number | null
    }[]
  }
}) {
  return (
    <div class="space-y-3">
      <nav class="no-print text-sm">
        <a class="link" href={`/projects/${t.project.id}/documents`}>
          ← Реестр ИД {t.project.code}
        </a>
      </nav>
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h1 class="text-2xl font-semibold">Реестр передачи № {t.number}</h1>
        <a
          class="btn btn-primary no-print"
          href={`/transmittals/${t.id}/act.pdf`}
          hx-boost="false"
          target="_blank"
        >
          Скачать акт (PDF)
        </a>
      </div>
      <dl class="card grid grid-cols-1 gap-2 sm:grid-cols-[12rem_1fr]">
        <dt class="text-slate-500">Получатель</dt>
        <dd>{t.recipient}</dd>
        <dt class="text-slate-500">Дата</dt>
        <dd>{formatDate(t.sent_on)}</dd>
        <dt class="text-slate-500">Способ</dt>
        <dd>{METHODS[t.method as keyof typeof METHODS] ?? t.method}</dd>
        <dt class="text-slate-500">Передал</dt>
        <dd>{t.sender}</dd>
        {t.notes && (
          <>
            <dt class="text-slate-500">Примечание</dt>
            <dd>{t.notes}</dd>
          </>
        )}
      </dl>
      <table class="table table-cards bg-white">
        <thead>
          <tr>
            <th>№</th>
            <th>Номер</th>
            <th>Документ</th>
            <th>Дата</th>
            <th>Листов</th>
          </tr>
        </thead>
        <tbody>
          {t.documents.map((d, i) => (
            <tr>
              <td data-label="№">{i + 1}</td>
              <td data-label="Номер">
                <a class="link" href={`/documents/${d.id}`}>
                  {d.number}
                </a>
              </td>
              <td data-label="Документ">
                {d.type_name}: {d.title}
              </td>
              <td data-label="Дата">{formatDate(d.doc_date)}</td>
              <td data-label="Листов">{d.sheets ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
