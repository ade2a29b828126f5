import type { Page } from '@playwright/test'
import { expect, test } from './live-support.ts'

// Old site computers may run with scripts off or broken: every main form must post and
// redirect on its own. One browser with JavaScript disabled walks through the main flows.

const DEMO_PASSWORD = 'strod-demo-2026'
const stamp = () => Date.now().toString(36).slice(-5)

async function signIn(page: Page, login: string) {
  await page.goto('/login')
  await page.getByLabel('Логин').fill(login)
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await expect(page).toHaveURL(/\/$/) // the dashboard
}

test('with JavaScript off: sign in, add a customer, log a day’s work, register a remark, receive a batch', async ({
  browser,
  server,
}) => {
  test.setTimeout(90_000)
  const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false })
  const page = await context.newPage()
  try {
    await signIn(page, 'director')

    // A customer: a plain form post, then the customer's page.
    const name = `ООО «Без скриптов ${stamp()}»`
    await page.goto('/customers/new')
    await page.getByLabel('Наименование').first().fill(name)
    await page.getByRole('button', { name: /Сохранить|Создать/ }).click()
    await expect(page.getByRole('heading', { name })).toBeVisible()

    // A day's work on a project the director sees: the list shows the new line after the redirect.
    await page.goto('/projects?q=Р-16')
    await page.locator('tr[id^="project-"] a').first().click()
    const projectUrl = page.url()
    await page.goto(`${projectUrl}/worklog`)
    await page.getByLabel('Материал, строка 1').selectOption({ label: 'ТП' })
    await page.getByLabel('Тип разметки, строка 1').selectOption({ index: 1 })
    await page.getByLabel('Длина, м, строка 1').fill('123')
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await expect(page.getByText(/Записано строк: 1/)).toBeVisible()

    // A bad form keeps what was typed and says why, without scripts too.
    await page.getByLabel('Длина, м, строка 1').fill('много')
    await page.getByLabel('Тип разметки, строка 1').selectOption({ index: 1 })
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await expect(page.getByText('Введите число, например 12,5')).toBeVisible()
    await expect(page.getByLabel('Длина, м, строка 1')).toHaveValue('много')
    await context.close()

    // The storekeeper receives a batch.
    const store = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false })
    const sp = await store.newPage()
    await signIn(sp, 'store.morozova')
    await sp.goto('/stock/batches/new')
    const number = `БС-${stamp()}`
    await sp.getByLabel('Материал').selectOption({ label: 'ХП (холодный пластик), кг' })
    await sp.getByLabel('Номер партии').fill(number)
    await sp.getByLabel('Количество').fill('500')
    await sp.getByRole('button', { name: 'Оформить приход' }).click()
    await expect(sp.getByRole('heading', { name: new RegExp(number) })).toBeVisible()
    await expect(sp.getByText('нет сертификата').first()).toBeVisible()
    await store.close()

    // The inspector registers a remark on a project he was given.
    const insp = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false })
    const ip = await insp.newPage()
    await signIn(ip, 'inspector.fedorov')
    await ip.goto('/projects?q=Р-05')
    await ip.locator('tr[id^="project-"] a').first().click()
    await ip.goto(`${ip.url()}/remarks/new`)
    const title = `Стёрта стоп-линия ${stamp()}`
    await ip.getByLabel('Суть замечания').fill(title)
    await ip.getByRole('button', { name: /Зарегистрировать|Сохранить/ }).click()
    await expect(ip.getByRole('heading', { name: new RegExp(title) })).toBeVisible()
    await insp.close()
  } finally {
    await context.close().catch(() => {})
  }
})
