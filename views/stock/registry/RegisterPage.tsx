import { formatDate } from '../../../src/lib/format.ts'
import { domId } from '../../../src/lib/dom-id.ts'
import { DOC_KINDS, NO_CERTIFICATE, REGISTER_TITLE } from '../../../src/stock/registry/kinds.ts'
import {
  docText,
  hasCertificate,
  MAX_ROWS,
  quantityText,
  type RegisterRow,
} from '../../../src/stock/registry/registry.queries.ts'
import type { RegisterSubject } from '../../../src/stock/registry/register-subject.ts'
import type { Period } from '../../../src/stock/registry/registry.schema.ts'

// The period travels with every export and attach form, so the file is what the page shows.
const PeriodFields = ({ period }: { period: Period }) => (
  <>
    {period.from && <input type="hidden" name="from" value={period.from} />}
    {period.to && <input type="hidden" name="to" value={period.to} />}
  </>
)

function Actions(p: { base: string; period: Period; canAttach: boolean; empty: boolean }) {
  return (
    <div class="no-print flex flex-wrap gap-2">
      {(['xlsx', 'pdf'] as const).map((format) => (
        <form method="post" action={`${p.base}/export?format=${format}`}>
          <PeriodFields period={p.period} />
          <button class="btn" type="submit">
            {format === 'xlsx' ? 'Выгрузить в Excel' : 'Выгрузить в PDF'}
          </button>
        </form>
      ))}
      {p.canAttach && (
        <form method="post" action={`${p.base}/attach`}>
          <PeriodFields period={p.period} />
          <button class="btn btn-primary" type="submit" disabled={p.empty}>
            Приложить к исполнительной документации
          </button>
        </form>
      )}
    </div>
  )
}

const Docs = ({ r, kind }: { r: RegisterRow; kind: (typeof DOC_KINDS)[number][0] }) =>
  kind === 'certificate' && !hasCertificate(r) ? (
    <span class="font-semibold text-red-700" data-missing="certificate">
      ⚠ {NO_CERTIFICATE}
    </span>
  ) : r.documents[kind].length ? (
    <>
      {r.documents[kind].map((d) => (
        <div class="whitespace-nowrap">{docText(d)}</div>
      ))}
    </>
  ) : (
    <span class="text-slate-400">—</span>
  )

function RegisterTable({ rows }: { rows: RegisterRow[] }) {
  return (
    <div class="overflow-x-auto">
      <table id={domId('stock-register')} class="table table-cards bg-white">
        <thead>
          <tr>
            <th>№</th>
            <th>Материал</th>
            <th>Партия</th>
            <th>Изготовитель</th>
            <th>Дата изготовления</th>
            <th>Годен до</th>
            <th class="text-right">Количество</th>
            {DOC_KINDS.map(([, label]) => (
              <th>{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              id={domId('stock-register', r.batch_id)}
              data-batch={r.number}
              class={hasCertificate(r) ? undefined : 'bg-red-50'}
            >
              <td data-label="№">{i + 1}</td>
              <td data-label="Материал">{r.material_name}</td>
              <td data-label="Партия" class="whitespace-nowrap">
                <a class="link" href={`/stock/batches/${r.batch_id}`}>
                  {r.number}
                </a>
              </td>
              <td data-label="Изготовитель">{r.manufacturer ?? ''}</td>
              <td data-label="Дата изготовления">{formatDate(r.manufactured_on)}</td>
              <td data-label="Годен до">{formatDate(r.expires_on)}</td>
              <td data-label="Количество" class="whitespace-nowrap text-right">
                {quantityText(r)}
              </td>
              {DOC_KINDS.map(([kind, label]) => (
                <td data-label={label} data-kind={kind}>
                  <Docs r={r} kind={kind} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function RegisterPage({ s, canAttach }: { s: RegisterSubject; canAttach: boolean }) {
  const base = `/stock/registry/${s.project.id}`
  const { rows, truncated } = s.register
  const missing = rows.filter((r) => !hasCertificate(r)).length
  return (
    <div class="space-y-4" data-print="wide">
      <div>
        <h1 class="text-2xl font-semibold">{REGISTER_TITLE}</h1>
        <a class="link text-sm" href={`/projects/${s.project.id}`}>
          {s.project.code} {s.project.short_name}
        </a>
        <p class="text-sm text-slate-600">
          Заказчик: {s.project.customer_name ?? 'не указан'} · {s.periodText}
        </p>
      </div>
      <form method="get" action={base} class="no-print flex flex-wrap items-end gap-2">
        <label class="text-sm">
          с <input class="input sm:w-40" type="date" name="from" value={s.period.from ?? ''} />
        </label>
        <label class="text-sm">
          по <input class="input sm:w-40" type="date" name="to" value={s.period.to ?? ''} />
        </label>
        <button class="btn" type="submit">
          Показать
        </button>
        {(s.period.from || s.period.to) && (
          <a class="link self-center text-sm" href={base}>
            За весь период
          </a>
        )}
      </form>
      <Actions base={base} period={s.period} canAttach={canAttach} empty={!rows.length} />
      {rows.length === 0 ? (
        <p class="card text-slate-600">
          Материал на этот объект {s.periodText} не списывался: партий в реестре нет.
        </p>
      ) : (
        <>
          <p class="text-sm" id={domId('stock-register', undefined, 'summary')}>
            Партий: {rows.length}
            {missing > 0 && (
              <span class="font-semibold text-red-700">
                {' '}
                · без сертификата / декларации: {missing}
              </span>
            )}
          </p>
          {truncated && (
            <p class="rounded bg-amber-50 px-3 py-2 text-amber-900" role="alert">
              Показаны первые {MAX_ROWS} партий: сузьте период.
            </p>
          )}
          <RegisterTable rows={rows} />
        </>
      )}
    </div>
  )
}
