import type { MaterialUnit } from '../reference/reference.table.ts'

export const UNIT_LABELS: Record<MaterialUnit, string> = { kg: 'кг', t: 'т', l: 'л', pcs: 'шт' }
export const UNITS = Object.keys(UNIT_LABELS) as MaterialUnit[]
