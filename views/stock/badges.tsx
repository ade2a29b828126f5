import type { AlertCondition, BatchStatus } from '../../src/stock/stock.table.ts'

const STATUS: Record<BatchStatus, [string, string]> = {
  ok: ['годна', 'bg-green-100 text-green-900'],
  expired: ['истёк срок', 'bg-red-100 text-red-900'],
  blocked: ['заблокирована', 'bg-slate-700 text-white'],
}

const pill = 'inline-block rounded px-2 py-0.5 text-xs font-medium'

export function StatusBadge({ status }: { status: BatchStatus }) {
  const [label, color] = STATUS[status]
  return <span class={`${pill} ${color}`}>{label}</span>
}

export function IncompleteBadge({ hasCertificate }: { hasCertificate: unknown }) {
  if (hasCertificate) return null
  return (
    <span class={`${pill} bg-amber-100 text-amber-900`} title="Нет сертификата или декларации">
      нет сертификата
    </span>
  )
}

const ALERT: Record<AlertCondition, string> = {
  low: 'bg-amber-100 text-amber-900',
  expiring: 'bg-orange-100 text-orange-900',
  expired: 'bg-red-100 text-red-900',
}

export function AlertBadge({ condition, label }: { condition: AlertCondition; label: string }) {
  return <span class={`${pill} ${ALERT[condition]}`}>{label}</span>
}
