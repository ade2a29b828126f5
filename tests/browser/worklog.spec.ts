import { expectWatching, markPage } from './live-support.ts'
import { expect, FOREMAN, test } from './remarks-support.ts'

// Issue 6 on site: a foreman on a phone enters three lines of today's work; the director's open
// ГПР grid shows the new volumes without a reload.
test('a foreman enters three lines for today on a phone; the director’s ГПР grid updates live', async ({
  server,
  director,
  signInOnPhone,
}) => {
  const id = server.projectId('Р-05')
  await director.goto(`/gpr?project=${id}`)
  await expectWatching(director, 'worklog')
  const expectNotNavigated = await markPage(director)
  const tpFact = director.locator(`#gpr-${id}-tp td`).nth(2)
  const before = (await tpFact.textContent()) ?? ''

  const phone = await signInOnPhone(server, FOREMAN)
  await phone.goto(`/projects/${id}/worklog`)
  const line = (
    i: number,
    material: string,
    type: string,
    field: 'metres' | 'pieces',
    value: string,
  ) =>
    test.step(`line ${i + 1}: ${type}`, async () => {
      await phone.getByLabel(`Материал, строка ${i + 1}`).selectOption({ label: material })
      const select = phone.getByLabel(`Тип разметки, строка ${i + 1}`)
      const option = select.locator('option', {
        hasText: new RegExp(`^${type.replace(/\./g, '\\.')} `),
      })
      await select.selectOption((await option.getAttribute('value'))!)
      await phone
        .getByLabel(`${field === 'metres' ? 'Длина, м' : 'Штук'}, строка ${i + 1}`)
        .fill(value)
    })
  await line(0, 'ТП', '1.1', 'metres', '1 200')
  await expect(phone.locator('[data-area-out]').first()).toHaveText('= 120 м²')
  await line(1, 'ТП', '1.5', 'metres', '800,5')
  await line(2, 'Краска б', '1.18', 'pieces', '6')
  const size = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])
  expect(size[0]).toBeLessThanOrEqual(size[1] + 1)
  await phone.getByRole('button', { name: 'Сохранить' }).tap()
  await expect(phone.locator('#flash')).toContainText('Записано строк: 3')

  await expect(tpFact).not.toHaveText(before)
  const n = (s: string) => Number(s.replace(/[\s\u00a0]/g, '').replace(',', '.'))
  expect(n((await tpFact.textContent()) ?? '') - n(before)).toBeCloseTo(120 + 20.01, 1)
  await expectNotNavigated()

  await test.step('the director issues the weekly report and downloads it', async () => {
    await director.getByRole('link', { name: 'Еженедельный отчёт' }).click()
    await expect(director.getByRole('heading', { level: 1 })).toHaveText('Еженедельный отчёт ГПР')
    await director.getByRole('button', { name: 'Выпустить отчёт за эту неделю' }).click()
    await expect(director.getByRole('button', { name: 'Скачать Excel' })).toBeVisible()
    await director.getByRole('button', { name: 'Скачать PDF' }).click()
    await expect(director).toHaveURL(/\/jobs\/\d+$/)
    const link = director.getByRole('link', { name: /Скачать/ })
    await expect(link).toBeVisible({ timeout: 20_000 })
    const res = await director.request.get((await link.getAttribute('href'))!)
    expect(res.headers()['content-type']).toBe('application/pdf')
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
  })
})
