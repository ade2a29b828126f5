import type { CurrentUser } from '../../src/auth/current-user.ts'
import { domId } from '../../src/lib/dom-id.ts'
import { fillRatioOf } from '../../src/reference/area.ts'
import { formatMeasure as n } from '../../src/reference/measure.ts'
import type { MarkingType } from '../../src/reference/reference.table.ts'
import { Notice, ReferencePage } from './ReferencePage.tsx'
import { EmptyRow, EmptyState } from '../components/ListStates.tsx'

const BASE = '/reference/marking-types'

export function ConfirmedBadge({ confirmed }: { confirmed: number }) {
  return confirmed ? (
    <span class="inline-block rounded bg-green-100 px-2 py-0.5 text-xs text-green-900">
      проверено
    </span>
  ) : (
    <span class="inline-block rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
      проверить по ГОСТ
    </span>
  )
}

function Pattern({ t }: { t: MarkingType }) {
  if (t.kind === 'symbol') return <>—</>
  if (t.dash_m != null && t.gap_m != null)
    return (
      <>
        {n(t.dash_m)} : {n(t.gap_m)} м
        <div class="text-xs text-slate-500">доля {n(fillRatioOf(t))}</div>
      </>
    )
  return <>{t.fill_ratio != null ? `доля ${n(t.fill_ratio)}` : 'сплошная'}</>
}

function Actions({ t }: { t: MarkingType }) {
  return (
    <div class="flex gap-1">
      <a class="btn" href={`${BASE}/${t.id}/edit`}>
        Изменить
      </a>
      {!t.confirmed && (
        <form method="post" action={`${BASE}/${t.id}/confirm`}>
          <input type="hidden" name="version" value={String(t.version)} />
          <button class="btn" type="submit" title="Значения проверены по ГОСТ">
            Подтвердить
          </button>
        </form>
      )}
    </div>
  )
}

function Row({ t, canWrite }: { t: MarkingType; canWrite: boolean }) {
  const dash = (v: number | null) => (v == null ? '—' : n(v))
  return (
    <tr id={domId('marking-type', t.id)} class={t.deleted_at ? 'opacity-60' : ''}>
      <td data-label="Номер" class="font-mono">
        {t.code}
      </td>
      <td data-label="Наименование">
        {t.name}
        {t.deleted_at && <div class="text-xs text-slate-500">скрыт</div>}
      </td>
      <td data-label="Ширина, м">{t.kind === 'line' ? dash(t.width_m) : '—'}</td>
      <td data-label="Штрих : пром.">
        <Pattern t={t} />
      </td>
      <td data-label="Линий">{t.kind === 'line' ? t.lines : '—'}</td>
      <td data-label="Элемент, м²">{dash(t.piece_area_m2)}</td>
      <td data-label="Цвет">{t.colour}</td>
      <td data-label="Источник" class="max-w-xs text-xs text-slate-600">
        {t.source}
      </td>
      <td data-label="Проверка">
        <ConfirmedBadge confirmed={t.confirmed} />
      </td>
      {canWrite && (
        <td data-label="Действия" class="no-print">
          <Actions t={t} />
        </td>
      )}
    </tr>
  )
}

export function MarkingTypesPage(p: {
  user: CurrentUser
  rows: MarkingType[]
  canWrite: boolean
  notice?: string
}) {
  return (
    <ReferencePage
      user={p.user}
      current="marking-types"
      title="Типы разметки (ГОСТ Р 51256-2018)"
      actions={
        p.canWrite && (
          <a class="btn btn-primary" href={`${BASE}/new`}>
            Добавить тип
          </a>
        )
      }
    >
      <Notice text={p.notice} />
      <p class="text-sm text-slate-600">
        Площадь линии = длина × ширина × число линий × доля заполнения (штрих / (штрих +
        промежуток)); символа = штук × площадь элемента. Записи журнала работ хранят посчитанную
        площадь: изменение справочника их не меняет.
      </p>
      <div class="overflow-x-auto">
        <table class="table table-cards bg-white" id="marking-types">
          <thead>
            <tr>
              <th>Номер</th>
              <th>Наименование</th>
              <th>Ширина, м</th>
              <th>Штрих : промежуток</th>
              <th>Линий</th>
              <th>Площадь элемента, м²</th>
              <th>Цвет</th>
              <th>Источник</th>
              <th>Проверка</th>
              {p.canWrite && <th class="no-print"></th>}
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 && (
              <EmptyRow cols={p.canWrite ? 10 : 9}>
                <EmptyState
                  title="Типов разметки пока нет"
                  hint="Справочник ГОСТ Р 51256: ширина линии, штрих и промежуток, число линий, площадь символа — из них журнал работ считает м²."
                  create={p.canWrite && { href: `${BASE}/new`, label: '+ Добавить первый тип' }}
                />
              </EmptyRow>
            )}
            {p.rows.map((t) => (
              <Row t={t} canWrite={p.canWrite} />
            ))}
          </tbody>
        </table>
      </div>
    </ReferencePage>
  )
}
