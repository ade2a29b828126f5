// Lengths, widths and ratios of marking need more digits than volumes (0,625; 0,125 м).
const exact = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 4 })
export const formatMeasure = (n: number | null | undefined) => (n == null ? '' : exact.format(n))
