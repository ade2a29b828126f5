import type { Page } from '@playwright/test'
import { expectSettled } from './support.ts'
import { expect, expectWatching, markPage, test, type DemoUser } from './live-support.ts'

// The team, two people side by side: the demo administrator creates a foreman with a temporary
// password and gives him one project; the foreman signs in, is made to set his own password and
// opens his projects; the administrator takes the project away again and it leaves the
// foreman's open list without a reload; the foreman shows among the people online.

const ADMIN: DemoUser = { login: 'admin', shortName: 'Захаров П. О.', initials: 'ЗП' }

// Р-15: active, so it is offered on the user page; no other browser test touches it.
const PROJECT = 'Р-15'
const TEMPORARY = 'Временный-пароль-2026'
const OWN = 'Разметка-на-трассе-2026'

test('an administrator creates a foreman and gives him a project; he sets his own password, sees it, and loses it live when the access is removed', async ({
  server,
  signIn,
  browser,
}, testInfo) => {
  test.setTimeout(60_000) // two sign-ins, a password change and five steps
  const projectId = server.projectId(PROJECT)
  const login = `foreman.e2e-${Date.now().toString(36)}-${testInfo.repeatEachIndex}`
  const fullName = 'Гусев Николай Петрович'
  const admin = await signIn(server, ADMIN)
  const access = admin.getByRole('region', { name: /^Проекты \(\d+\)$/ })
  let userId = 0

  await test.step('the administrator creates the foreman and lands on his page', async () => {
    await admin.goto('/admin/users/new')
    await expectSettled(admin)
    await admin.getByLabel('Логин', { exact: true }).fill(login)
    await admin.getByLabel('ФИО', { exact: true }).fill(fullName)
    await admin.getByLabel('Отдел', { exact: true }).fill('Участок №1')
    await admin.getByLabel('Должность', { exact: true }).fill('Прораб')
    await admin.getByLabel('Роль', { exact: true }).selectOption({ label: 'Прораб' })
    await admin.getByLabel('Временный пароль', { exact: true }).fill(TEMPORARY)
    await admin.getByRole('button', { name: 'Сохранить' }).click()

    await expect(admin.locator('#flash')).toHaveText(
      `Пользователь «${fullName}» создан. Сообщите ему логин и временный пароль.`,
    )
    await expect(admin).toHaveURL(/\/admin\/users\/\d+$/)
    userId = Number(new URL(admin.url()).pathname.split('/').pop())
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText(fullName)
    const summary = admin.getByRole('region', { name: 'Сотрудник' })
    await expect(summary.locator('dt:text-is("Логин") + dd')).toHaveText(login)
    await expect(summary.locator('dt:text-is("Роль") + dd')).toHaveText('Прораб')
    await expect(summary.getByText('временный пароль не сменён', { exact: true })).toBeVisible()
    await expect(access.getByRole('heading')).toHaveText('Проекты (0)')
    await expect(access.getByText('Нет доступа ни к одному проекту.')).toBeVisible()
  })

  await test.step(`he gives him ${PROJECT} with «Дать доступ к проекту»`, async () => {
    await expectSettled(admin)
    const choice = access.getByLabel('Дать доступ к проекту')
    await expect(
      choice.locator(`option[value="${projectId}"]`),
      `${PROJECT} should be offered`,
    ).toHaveCount(1)
    await choice.selectOption(String(projectId))
    await access.getByRole('button', { name: 'Добавить' }).click()

    await expect(admin.locator('#flash')).toHaveText(`Доступ к проекту ${PROJECT} открыт`)
    await expect(admin).toHaveURL(new RegExp(`/admin/users/${userId}$`))
    await expect(access.getByRole('heading')).toHaveText('Проекты (1)')
    await expect(access.getByRole('link', { name: PROJECT, exact: true })).toHaveAttribute(
      'href',
      `/projects/${projectId}`,
    )
    await expect(access.getByText('Нет доступа ни к одному проекту.')).toHaveCount(0)
  })

  // His own context, signed in by hand: the temporary password sends him to the password form
  // rather than to /projects, where signIn() expects to land.
  const context = await browser.newContext({ baseURL: server.url })
  const pageErrors: string[] = []
  context.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(`${login}: ${e.message}`)))
  const foreman: Page = await context.newPage()
  const rows = foreman.locator('tr[id^="project-"]')

  try {
    await test.step('the foreman signs in with the temporary password and must set his own', async () => {
      await foreman.goto('/login')
      await foreman.getByLabel('Логин').fill(login)
      await foreman.getByLabel('Пароль').fill(TEMPORARY)
      await foreman.getByRole('button', { name: 'Войти' }).click()

      await expect(foreman).toHaveURL(/\/account\/password$/)
      await expectSettled(foreman)
      await expect(
        foreman.getByText(
          'Администратор выдал вам временный пароль. Задайте свой, чтобы продолжить.',
        ),
      ).toBeVisible()
      await foreman.getByLabel('Текущий пароль', { exact: true }).fill(TEMPORARY)
      await foreman.getByLabel('Новый пароль', { exact: true }).fill(OWN)
      await foreman.getByLabel('Повторите новый пароль', { exact: true }).fill(OWN)
      await foreman.getByRole('button', { name: 'Сменить пароль' }).click()

      await expect(foreman.locator('#flash')).toHaveText('Пароль изменён. Другие сеансы завершены.')
      await expect(foreman).toHaveURL(/\/account$/)
      await expect(foreman.getByRole('heading', { name: 'Контактные данные' })).toBeVisible()
    })

    await test.step(`he opens /projects and sees exactly ${PROJECT}`, async () => {
      await foreman.goto('/projects')
      await expect(foreman.getByRole('heading', { level: 1 })).toHaveText('Список проектов')
      await expect(rows).toHaveCount(1)
      await expect(rows).toHaveId(`project-${projectId}`)
      await expect(rows.locator('td[data-label="Шифр"]')).toHaveText(PROJECT)
    })

    await test.step('the administrator removes the access: the project leaves his open page, no reload', async () => {
      await expectWatching(foreman, 'projects')
      await expectWatching(foreman, `user:${userId}`)
      const expectNotNavigated = await markPage(foreman)

      await expectSettled(admin)
      await access.getByRole('button', { name: `Убрать доступ к ${PROJECT}` }).click()
      await expect(admin.locator('#flash')).toHaveText('Доступ к проекту закрыт')
      await expect(access.getByRole('heading')).toHaveText('Проекты (0)')
      await expect(access.getByText('Нет доступа ни к одному проекту.')).toBeVisible()

      await expect(rows).toHaveCount(0)
      await expect(foreman.locator('#projects-list')).toContainText('Проекты не найдены.')
      await expectNotNavigated()
    })

    await test.step('the administrator’s «Сейчас в сети» lists the foreman', async () => {
      await admin.goto('/admin/online')
      await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Сейчас в сети')
      const online = admin.locator('#online-users')
      // By address: foremen of earlier runs on this server share his name.
      const him = online.locator('li').filter({
        has: admin.locator(`a[href="/admin/users/${userId}"]`),
      })
      await expect(him).toHaveCount(1)
      await expect(him.getByRole('link')).toHaveText(fullName)
      await expect(him).toContainText('Прораб')
    })
  } finally {
    await context.close()
  }
  expect(pageErrors, 'uncaught errors in the foreman’s pages').toEqual([])
})
