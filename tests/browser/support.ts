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
  await expect(page).toHaveURL(/\/projects$/)
}

// A header section link: on narrow screens the links sit inside the «☰ Меню» disclosure.
export async function openSection(page: Page, name: string, testInfo: TestInfo) {
  if (isPhone(testInfo)) await page.getByText('☰ Меню').click()
  await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name }).click()
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
