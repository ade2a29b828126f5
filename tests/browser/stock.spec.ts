import type { Locator, Page } from '@playwright/test'
import { expectSettled } from './support.ts'
import { expect, expectWatching, markPage, test, type DemoUser } from './live-support.ts'
import { dateFromToday, FOREMAN } from './remarks-support.ts'

// The warehouse, three people side by side: the director watches «Остатки и контроль», the
// storekeeper receives a batch of thermoplastic, adds its certificate and issues part of it to
// a project, the foreman logs a day's work from that batch and confirms the consumption; the
// director's page follows every step without a reload, down to the low-stock alert.

const STOREKEEPER: DemoUser = {
  login: 'store.morozova',
  shortName: 'Морозова Н. В.',
  initials: 'МН',
}

// Р-13: active, on Участок №1, so Волков is a member; no other browser test touches it.
const PROJECT = 'Р-13'
const MATERIAL = 'ТП (термопластик)'

// A minimal valid PDF, as a scanned certificate would be (only much smaller).
const PDF = {
  name: 'sertifikat.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  ),
}

// '1 000 кг' (with a no-break space) -> 1000
const kg = (s: string | null) => Number((s ?? '').replace(/[^\d,-]/g, '').replace(',', '.'))

// The director's balances row of the material in the main warehouse, its cells by their
// data-label.
function balanceRow(page: Page) {
  const row = page
    .locator('#stock-overview tbody tr')
    .filter({ has: page.getByRole('link', { name: MATERIAL, exact: true }) })
    .filter({ has: page.locator('td[data-label="Склад"]', { hasText: /^Основной склад$/ }) })
  return {
    row,
    inStore: row.locator('td[data-label="На складе"]'),
    onSite: row.locator('td[data-label="Выдано"]'),
    total: row.locator('td[data-label="Всего"]'),
  }
}

// What the row shows now; zeros while the material has no row yet (nothing received).
async function balanceNow(page: Page) {
  const b = balanceRow(page)
  if (!(await b.row.count())) return { inStore: 0, onSite: 0 }
  return { inStore: kg(await b.inStore.textContent()), onSite: kg(await b.onSite.textContent()) }
}

async function expectKg(cell: Locator, n: number) {
  await expect(cell).toHaveText(`${new Intl.NumberFormat('ru-RU').format(n)} кг`)
}

test('a batch received, certified, issued and consumed from the work log shows on the director’s open warehouse page live, down to the low-stock alert', async ({
  server,
  director,
  signIn,
}, testInfo) => {
  test.setTimeout(60_000) // three sign-ins and five steps; a lone run takes some 7 s
  const projectId = server.projectId(PROJECT)
  const number = `ТП-${Date.now().toString(36).toUpperCase()}-${testInfo.repeatEachIndex}`
  const today = dateFromToday(0)

  await director.goto('/stock')
  await expect(director.getByRole('heading', { level: 1 })).toHaveText('Склад')
  await expect(director.getByRole('link', { name: 'Остатки и контроль' })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await expect(director.getByRole('heading', { name: /^Контроль остатков/ })).toBeVisible()
  await expectWatching(director, 'stock')
  const expectNotNavigated = await markPage(director)
  const before = await balanceNow(director)
  const balance = balanceRow(director)
  const alert = director
    .locator('#stock-overview li')
    .filter({ has: director.getByRole('link', { name: `${MATERIAL}, партия № ${number}` }) })

  const store = await signIn(server, STOREKEEPER)
  let batchId = 0

  await test.step('the storekeeper receives 1 000 kg: the director’s balance grows live', async () => {
    await store.goto('/stock')
    await store.getByRole('link', { name: 'Приход партии' }).click()
    await expect(store).toHaveURL(/\/stock\/batches\/new$/)
    await expectSettled(store)
    await store.getByLabel('Материал').selectOption({ label: `${MATERIAL}, кг` })
    await store.getByLabel('Номер партии').fill(number)
    await store.getByLabel('Количество').fill('1000')
    await store.getByLabel('Дата прихода').fill(today.iso)
    await store.getByRole('combobox', { name: 'Склад', exact: true }).selectOption({
      label: 'Основной склад',
    })
    await store.getByLabel('Изготовитель').fill('ООО «Дорожные материалы»')
    await store.getByRole('button', { name: 'Оформить приход' }).click()

    await expect(store.locator('#flash')).toHaveText(`Приход партии № ${number} оформлен`)
    await expect(store).toHaveURL(/\/stock\/batches\/\d+$/)
    batchId = Number(new URL(store.url()).pathname.split('/').pop())
    await expect(store.getByRole('heading', { level: 1 })).toHaveText(
      `${MATERIAL}: партия № ${number}`,
    )
    await expect(store.getByText('нет сертификата', { exact: true })).toBeVisible()

    await expectKg(balance.inStore, before.inStore + 1000)
    await expectNotNavigated()
  })

  await test.step('she adds the certificate with its PDF: the batch is no longer incomplete', async () => {
    await expectSettled(store)
    const upload = store
      .locator('form')
      .filter({ has: store.getByRole('button', { name: 'Добавить документ' }) })
    const kind = upload.getByLabel('Документ')
    const ownLabel = 'the label «Документ» should name the upload form’s own select'
    await expect(kind, ownLabel).toHaveCount(1)
    await kind.selectOption({ label: 'Сертификат / декларация соответствия' })
    await upload.getByLabel('Номер').fill('РОСС RU.АИ42.Н01234')
    await upload.getByLabel('Дата').fill(today.iso)
    await upload.getByLabel('Файл (PDF, JPEG, PNG)').setInputFiles(PDF)
    await upload.getByRole('button', { name: 'Добавить документ' }).click()

    await expect(store.locator('#flash')).toHaveText('Документ добавлен')
    await expect(store).toHaveURL(new RegExp(`/stock/batches/${batchId}$`))
    const docs = store.locator('section', {
      has: store.getByRole('heading', { name: 'Документы партии' }),
    })
    await expect(docs).toContainText(`№ РОСС RU.АИ42.Н01234 от ${today.shown}`)
    await expect(docs.getByRole('link', { name: PDF.name })).toBeVisible()
    await expect(store.getByText('нет сертификата', { exact: true })).toHaveCount(0)
    await expect(store.locator('#batch-details')).toContainText('годна')
  })

  await test.step('she issues 300 kg to the project: the director sees it leave the warehouse', async () => {
    await expectSettled(store)
    const move = store.locator('#movement-form')
    await expect(move.getByRole('heading', { name: 'Движение партии' })).toBeVisible()
    await move.getByLabel('Операция').selectOption({ label: 'Выдача на объект / бригаде' })
    await move.getByLabel('Количество').fill('300')
    const project = move.getByLabel('Объект')
    await expect(
      project.locator(`option[value="${projectId}"]`),
      `the storekeeper should be offered ${PROJECT} to issue to`,
    ).toHaveCount(1)
    await project.selectOption(String(projectId))
    await move.getByRole('button', { name: 'Провести' }).click()

    await expect(store.locator('#flash')).toHaveText('Движение проведено')
    const details = store.locator('#batch-details')
    await expect(details.locator('dt:text-is("На складе") + dd')).toHaveText('700 кг')
    await expect(details.locator('dt:text-is("Выдано на объекты") + dd')).toHaveText('300 кг')

    await expectKg(balance.inStore, before.inStore + 700)
    await expectKg(balance.onSite, before.onSite + 300)
    await expectKg(balance.total, before.inStore + before.onSite + 1000)
    await expect(alert).toHaveCount(0)
    await expectNotNavigated()
  })

  const foreman = await signIn(server, FOREMAN)

  await test.step('the foreman logs 2 000 m of line 1.1 in ТП from that batch and confirms 900 kg', async () => {
    await foreman.goto(`/projects/${projectId}/worklog`)
    await foreman.getByLabel('Материал, строка 1').selectOption({ label: 'ТП' })
    const type = foreman.getByLabel('Тип разметки, строка 1')
    const option = type.locator('option', { hasText: /^1\.1 / })
    await type.selectOption((await option.getAttribute('value'))!)
    await foreman.getByLabel('Длина, м, строка 1').fill('2000')
    await expect(foreman.locator('[data-area-out]').first()).toHaveText('= 200 м²')
    await foreman
      .getByLabel('Партия материала со склада, строка 1')
      .selectOption({ label: `ТП, № ${number} (ост. 1 000 кг)` })
    await foreman.getByRole('button', { name: 'Сохранить' }).click()

    await expect(foreman).toHaveURL(new RegExp(`/stock/consumption\\?project=${projectId}$`))
    await expect(foreman.locator('#flash')).toHaveText(
      'Записано строк: 1, 200 м². Подтвердите расход материала со склада',
    )
    await expectSettled(foreman)
    const line = foreman
      .locator('#consumption-list tbody tr')
      .filter({ has: foreman.getByRole('link', { name: `ТП, № ${number}` }) })
    await expect(line).toHaveCount(1)
    await expect(line.locator('td[data-label="Выполнено"]')).toHaveText('200 м²')
    await expect(line.getByLabel('Расход, кг')).toHaveValue('900')
    await expect(line).toContainText('по норме: 900 кг')
    await line.getByRole('button', { name: 'Подтвердить' }).click()

    await expect(foreman.locator('#flash')).toHaveText('Расход подтверждён и списан с партии')
    await expect(line).toHaveCount(0)
  })

  await test.step('the director’s page shows, live, the alert for the batch and the new balance', async () => {
    await expect(alert).toHaveCount(1)
    await expect(alert.getByText('Остаток ниже порога', { exact: true })).toBeVisible()
    await expect(alert).toContainText('осталось 100 кг из 1 000 кг')
    await expectKg(balance.inStore, before.inStore + 100)
    await expectKg(balance.onSite, before.onSite)
    await expectKg(balance.total, before.inStore + before.onSite + 100)
    await expectNotNavigated()

    await alert.getByRole('link', { name: `${MATERIAL}, партия № ${number}` }).click()
    await expect(director).toHaveURL(new RegExp(`/stock/batches/${batchId}$`))
    await expect(director.locator('#batch-details')).toContainText('100 кг (10 %)')
  })
})
