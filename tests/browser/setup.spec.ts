import { expect, test } from '@playwright/test'
import { ADMIN } from './support.ts'

test('on a fresh database every page leads to /setup, which creates the first administrator', async ({
  page,
}) => {
  await page.goto('/projects')
  await expect(page).toHaveURL(/\/setup$/)
  await expect(page.getByRole('heading', { name: 'Первый запуск' })).toBeVisible()

  await page.getByLabel('Логин').fill(ADMIN.login)
  await page.getByLabel('ФИО').fill(ADMIN.fullName)
  await page.getByLabel('Пароль').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Создать администратора' }).click()

  await expect(page).toHaveURL(/\/$/) // the dashboard
  await expect(page.getByRole('status')).toHaveText('Администратор создан. Добро пожаловать!')

  // Once an administrator exists, /setup is gone: it leads to the sign-in page.
  await page.getByRole('button', { name: 'Выйти' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await page.goto('/setup')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('heading', { name: 'Вход в Строд-Сервис' })).toBeVisible()
})
