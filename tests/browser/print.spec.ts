import { readFileSync, writeFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './live-support.ts'
import { expectSettled } from './support.ts'

// Printing on A4 (views/layout/print.css): the registries, the ГПР, a project's remarks and the
// weekly report print without the navigation, the filters and the buttons, and their tables
// fit the printable width: landscape (277 mm) for the wide pages, portrait (190 mm) for the
// others. The browser lays the page out at that width under print media, as a printer would.

const MM = 96 / 25.4 // CSS px per millimetre
const PORTRAIT = Math.floor((210 - 2 * 10) * MM) // 718 px
const LANDSCAPE = Math.floor((297 - 2 * 10) * MM) // 1046 px

async function expectPrintable(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 })
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('main h1')).toBeVisible()
  // No navigation, no controls.
  await expect(page.getByRole('navigation', { name: 'Разделы' })).toBeHidden()
  await expect(page.locator('header').first()).toBeHidden()
  for (const control of ['button', '.btn', 'input', 'select', 'textarea'])
    expect(await page.locator(`${control}:visible`).count(), control).toBe(0)
  // Nothing wider than the page: neither the document nor any element drawn (the screen
  // readers' copy of a chart's numbers is clipped to nothing and left out).
  const size = await page.evaluate(() => {
    let widest = { right: 0, what: '' }
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      if (el.closest('.sr-only')) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      if (r.right > widest.right)
        widest = { right: Math.ceil(r.right), what: `${el.tagName} ${el.className}`.slice(0, 80) }
    }
    // Each printed row has as many columns as the header above it (a column hidden in the
    // header must be hidden in the rows too).
    const shown = (c: Element) => getComputedStyle(c).display !== 'none'
    const columns = (row: HTMLTableRowElement) =>
      Array.from(row.cells)
        .filter(shown)
        .reduce((n, c) => n + c.colSpan, 0)
    const misaligned: string[] = []
    for (const t of Array.from(document.querySelectorAll('main table'))) {
      const head = (t as HTMLTableElement).tHead?.rows[0]
      if (t.closest('.sr-only') || !head) continue
      for (const r of Array.from((t as HTMLTableElement).tBodies[0]?.rows ?? []))
        if (shown(r) && columns(r) !== columns(head))
          misaligned.push(
            `${r.id || r.textContent!.slice(0, 30)}: ${columns(r)} ≠ ${columns(head)}`,
          )
    }
    return {
      misaligned,
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      widest,
      tables: document.querySelectorAll('main table:not(.sr-only table)').length,
    }
  })
  expect(size.misaligned).toEqual([])
  expect(size.scroll, JSON.stringify(size)).toBeLessThanOrEqual(size.inner)
  expect(size.widest.right, JSON.stringify(size)).toBeLessThanOrEqual(size.inner + 1)
  return size
}

const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length
// The first page's size in points: [width, height].
const mediaBox = (pdf: Buffer) => {
  const m = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!
  return [Number(m[1]), Number(m[2])]
}

test.describe('print on A4', () => {
  test('the ГПР prints landscape: the month grid fits the page, a PDF has landscape A4 pages', async ({
    director: page,
  }, testInfo) => {
    await page.goto('/gpr')
    await expectSettled(page)
    const size = await expectPrintable(page, LANDSCAPE)
    expect(size.tables).toBeGreaterThan(0)
    await expect(page.locator('#gpr-chart svg[role="img"]')).toBeVisible()
    // As the brief asks for it: A4 landscape, with pages.
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true })
    const file = testInfo.outputPath('gpr-a4-landscape.pdf')
    writeFileSync(file, pdf)
    expect(pagesOf(readFileSync(file))).toBeGreaterThan(0)
    // And the page's own @page rule chooses landscape A4 (841.9 × 595.3 pt) by itself, as the
    // browser's print dialog does.
    const own = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    writeFileSync(testInfo.outputPath('gpr-css-page.pdf'), own)
    const [w, h] = mediaBox(own)
    expect(Math.round(w)).toBe(842)
    expect(Math.round(h)).toBe(595)
  })

  test('the registries print landscape without filters and buttons', async ({
    director: page,
    server,
  }, testInfo) => {
    const id = server.projectId('Р-01')
    for (const [name, path] of [
      ['documents', `/projects/${id}/documents`],
      ['stock-registry', `/stock/registry/${id}`],
    ]) {
      await page.emulateMedia({ media: 'screen' })
      await page.goto(path)
      await expectSettled(page)
      const size = await expectPrintable(page, LANDSCAPE)
      expect(size.tables, name).toBeGreaterThan(0)
      const own = await page.pdf({ preferCSSPageSize: true })
      writeFileSync(testInfo.outputPath(`${name}.pdf`), own)
      expect(mediaBox(own)[0], name).toBeGreaterThan(mediaBox(own)[1]) // landscape
    }
  })

  test('a project’s remarks and the weekly report print portrait', async ({
    director: page,
    server,
  }, testInfo) => {
    const id = server.projectId('Р-01')
    await page.goto(`/projects/${id}/remarks`)
    await expectSettled(page)
    const remarks = await expectPrintable(page, PORTRAIT)
    expect(remarks.tables).toBeGreaterThan(0)
    await expect(page.locator('#remarks-chart svg[role="img"]')).toBeVisible()
    const own = await page.pdf({ preferCSSPageSize: true })
    writeFileSync(testInfo.outputPath('remarks.pdf'), own)
    expect(mediaBox(own)[0]).toBeLessThan(mediaBox(own)[1]) // portrait

    // The director issues this week's report, then prints it.
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/gpr/weekly')
    await page.getByRole('button', { name: 'Выпустить отчёт за эту неделю' }).click()
    await expect(page).toHaveURL(/\/gpr\/weekly\/\d+$/)
    await expectSettled(page)
    const weekly = await expectPrintable(page, PORTRAIT)
    expect(weekly.tables).toBeGreaterThan(0)
    await expect(page.locator('#weekly-report-table')).toBeVisible()
    writeFileSync(
      testInfo.outputPath('weekly.pdf'),
      await page.pdf({ preferCSSPageSize: true, printBackground: true }),
    )
  })
})
