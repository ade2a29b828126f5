import type ExcelJS from 'exceljs'

// exceljs weighs ~17 MB in memory: loaded on the first export, not when the server starts.
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs')
  return new Excel.Workbook()
}
