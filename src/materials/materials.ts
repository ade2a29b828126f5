// Materials of execution (виды работ), keyed by the desktop app's slugs so imported data
// keeps its keys. The materials reference (a table editable by users) replaces this list later.
export const MATERIALS = [
  ['tp', 'ТП (термопластик)'],
  ['tpj', 'ТПж (термопластик желтый)'],
  ['hp', 'ХП (холодный пластик)'],
  ['hpj', 'ХПж (холодный пластик желтый)'],
  ['kraska_b', 'Краска белая'],
  ['kraska_ch', 'Краска черная'],
  ['kraska_j', 'Краска желтая'],
  ['vremyanka', 'Времянка'],
  ['demarkirovka', 'Демаркировка'],
] as const
export type MaterialCode = (typeof MATERIALS)[number][0]
export const MATERIAL_LABELS = Object.fromEntries(MATERIALS) as Record<MaterialCode, string>
