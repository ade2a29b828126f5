import { expect, type Page, type TestInfo } from '@playwright/test'

// The first administrator, created by setup.spec.ts on the throwaway e2e database.
export const ADMIN = {
  login: 'e2e.admin',
  fullName: 'Проверкин Иван Петрович',
  password: 'Разметка-дорог-2026',
}

export const isPhone = (testInfo: TestInfo) => testInfo.project.name === 'phone'

export async function signIn(page: Page) {
  await page.goto('/login')
  await page.getByLabel('Логин').fill(ADMIN.login)
  await page.getByLabel('Пароль').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Войти' }).click()
  await expect(page).toHaveURL(/\/$/) // the dashboard
  await expectSettled(page)
}

// A boosted (htmx) navigation changes the address before it swaps the new page in, and wires
// the new page's htmx attributes only after the settle delay: typing into a search box right
// after the address changed could go unnoticed. Waits until the navigation has fully landed.
export async function expectSettled(page: Page) {
  await expect(page.locator('body.htmx-swapping, body.htmx-settling, .htmx-request')).toHaveCount(0)
}

// A header section link: on narrow screens the links sit inside the «☰ Меню» disclosure.
export async function openSection(page: Page, name: string, testInfo: TestInfo) {
  if (isPhone(testInfo)) await page.getByText('☰ Меню').click()
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name }).click()
  await expectSettled(page)
}

export async function expectNoHorizontalScroll(page: Page) {
  const size = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    innerWidth: window.innerWidth,
  }))
  expect(size.scrollWidth, JSON.stringify(size)).toBeLessThanOrEqual(size.innerWidth + 1)
  expect(size.scrollWidth, JSON.stringify(size)).toBeLessThanOrEqual(size.clientWidth + 1)
}

// A full-page screenshot kept in test-results/<test>/ for people to look at.
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true })
}
