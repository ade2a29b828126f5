import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, expectWatching, markPage, test } from './live-support.ts'

// The ПТО flow of issue 4 on one screen, watched from another: three documents sent in one act.
test('three documents sent in one transmittal appear as sent on another user’s registry, and the act downloads as a Cyrillic PDF', async ({
  server,
  director,
  pm,
}) => {
  const id = server.projectId('Р-20') // a demo project without executive documentation yet
  const registry = `/projects/${id}/documents`

  await test.step('the manager registers three documents', async () => {
    for (const n of ['1', '2', '3']) {
      await pm.goto(`${registry}/new`)
      await pm
        .getByLabel('Тип документа')
        .selectOption({ label: 'Акт освидетельствования скрытых работ (АОСР)' })
      await pm.getByLabel('Номер').fill(`АОСР-Э${n}`)
      await pm.getByLabel('Наименование').fill(`Подготовка покрытия, захватка ${n}`)
      await pm.getByRole('button', { name: 'Сохранить' }).click()
      await expect(pm.locator('#flash')).toContainText(`№ АОСР-Э${n}`)
    }
  })

  await director.goto(registry)
  await expectWatching(director, `documents:${id}`)
  const expectNotNavigated = await markPage(director)
  const rows = director.locator('#documents-rows > tr')
  await expect(rows).toHaveCount(3)
  await expect(director.locator('#documents-rows')).not.toContainText('Отправлен')

  await test.step('the manager ticks all three and sends them in one act', async () => {
    await pm.goto(registry)
    for (const n of ['1', '2', '3']) await pm.getByLabel(`Выбрать № АОСР-Э${n}`).check()
    await pm.getByRole('button', { name: 'Отправить актом передачи' }).click()
    await expect(pm.getByRole('heading', { level: 1 })).toHaveText('Реестр передачи документации')
    await pm.getByLabel('Кому (получатель)').fill('Технадзор ГКУ «Мосавтодор», Фёдоров В. С.')
    await pm.getByRole('button', { name: 'Отправить и сформировать акт' }).click()
    await expect(pm.getByRole('heading', { level: 1 })).toHaveText(/Реестр передачи № Р-20-ПД-001/)
  })

  await test.step('the director’s registry shows all three as sent, without a reload', async () => {
    for (const n of ['1', '2', '3'])
      await expect(director.locator('#documents-rows tr', { hasText: `АОСР-Э${n}` })).toContainText(
        'Технадзор ГКУ «Мосавтодор»',
      )
    await expect(rows.filter({ hasText: 'Отправлен' })).toHaveCount(3)
    await expectNotNavigated()
  })

  await test.step('the act downloads as a PDF with the Cyrillic list', async () => {
    const href = await pm.getByRole('link', { name: 'Скачать акт (PDF)' }).getAttribute('href')
    const res = await pm.request.get(href!)
    expect(res.headers()['content-type']).toBe('application/pdf')
    const file = join(mkdtempSync(join(tmpdir(), 'act-')), 'act.pdf')
    writeFileSync(file, await res.body())
    const text = execFileSync('pdftotext', [file, '-']).toString()
    expect(text).toContain('Реестр передачи исполнительной документации')
    expect(text).toContain('Технадзор ГКУ «Мосавтодор»')
    for (const n of ['1', '2', '3']) expect(text).toContain(`АОСР-Э${n}`)
  })
})
