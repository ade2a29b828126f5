import { expect, test, type Page } from '@playwright/test'
import {
  expectNoHorizontalScroll,
  isPhone,
  keepScreenshot,
  openSection,
  signIn,
} from './support.ts'

// Runs once per screen (desktop, phone) against the same database: each run creates its own
// customer and project, named after the screen, so the two never collide.
test('an administrator creates a customer and a project, finds it by a Russian search in any case, opens it and signs out', async ({
  page,
}, testInfo) => {
  const phone = isPhone(testInfo)
  const screen = phone ? 'телефон' : 'компьютер'
  const customer = `ГКУ «Дирекция автодорог» (${screen})`
  const project = {
    name: `Автодорога Р-22 Каспий, км 12–48 (${screen})`,
    shortName: `Р-22 Каспий (${screen})`,
    code: phone ? 'Р-22-ТЕЛ' : 'Р-22-ПК',
  }
  const layoutCheck = async (name: string) => {
    if (!phone) return
    await expectNoHorizontalScroll(page)
    await keepScreenshot(page, testInfo, `phone-${name}`)
  }

  await test.step('sign in', async () => {
    await signIn(page)
  })

  await test.step('create a customer', async () => {
    await openSection(page, 'Заказчики', testInfo)
    await expect(page).toHaveURL(/\/customers$/)
    await page.getByRole('link', { name: '+ Новый заказчик' }).click()
    await page.getByLabel('Наименование').fill(customer)
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await expect(page).toHaveURL(/\/customers\/\d+$/)
    await expect(page.getByRole('status')).toHaveText(`Заказчик «${customer}» создан`)
  })

  await test.step('a project form with an empty required field shows a Russian error and keeps what was typed', async () => {
    await openSection(page, 'Проекты', testInfo)
    await expect(page).toHaveURL(/\/projects$/)
    await page.getByRole('link', { name: '+ Новый проект' }).click()
    await expect(page).toHaveURL(/\/projects\/new$/)
    await expect(page.getByLabel('Подрядчик')).toHaveValue('ООО «Строд-Сервис Технолоджи»')
    await layoutCheck('project-form')

    await page.getByLabel('Полное наименование объекта').fill(project.name)
    await page.getByLabel('Краткое наименование').fill(project.shortName)
    await page.getByLabel('Заказчик').selectOption({ label: customer })
    await page.getByLabel('Статус').selectOption({ label: 'В работе' })
    // The code stays empty. The browser would stop the post on `required`; an old browser
    // (or one with validation off) sends it, and the server must answer in Russian.
    await page.locator('#project-form').evaluate((f) => ((f as HTMLFormElement).noValidate = true))
    await page.getByRole('button', { name: 'Сохранить' }).click()

    const code = page.getByLabel('Шифр проекта')
    await expect(page.locator('#f-code-error')).toHaveText('Заполните поле')
    await expect(code).toHaveAttribute('aria-invalid', 'true')
    await expect(code).toHaveAttribute('aria-describedby', 'f-code-error')
    await expect(page.getByRole('alert')).toHaveText('Проверьте поля, отмеченные красным.')
    await expect(page.getByLabel('Полное наименование объекта')).toHaveValue(project.name)
    await expect(page.getByLabel('Краткое наименование')).toHaveValue(project.shortName)
    await expect(page.getByLabel('Заказчик').locator('option:checked')).toHaveText(customer)
    await expect(page.getByLabel('Статус').locator('option:checked')).toHaveText('В работе')
    await layoutCheck('project-form-error')
  })

  await test.step('create the project with the customer selected', async () => {
    await page.getByLabel('Шифр проекта').fill(project.code)
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await expect(page).toHaveURL(/\/projects\/\d+$/)
    await expect(page.getByRole('status')).toHaveText(`Проект «${project.shortName}» создан`)
  })

  await test.step('find the project by a search typed in lower and upper case', async () => {
    await openSection(page, 'Проекты', testInfo)
    await expect(page).toHaveURL(/\/projects$/)
    await layoutCheck('projects-list')

    // The innermost list: a search currently nests a second #projects-list (see below).
    const list = page.locator('#projects-list:not(:has(#projects-list))')
    const byName = { name: project.shortName, exact: true }
    const link = list.getByRole('link', byName)
    await search(page, 'каспий')
    await expect(link).toBeVisible()
    await expect(list.locator('tr', { has: page.getByRole('link', byName) })).toContainText(
      customer,
    )
    await search(page, 'мурманск')
    await expect(list).toContainText('Проекты не найдены.')
    await search(page, 'КАСПИЙ')
    await expect(link).toBeVisible()
    await layoutCheck('projects-search')
  })

  await test.step('open the project', async () => {
    await page.getByRole('link', { name: project.shortName, exact: true }).click()
    await expect(page).toHaveURL(/\/projects\/\d+$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.shortName)
    await expect(page.getByText(project.name, { exact: true })).toBeVisible()
    await expect(page.getByRole('link', { name: customer })).toBeVisible()
    await layoutCheck('project-page')
  })

  await test.step('sign out and land on the sign-in page', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click()
    await expect(page).toHaveURL(/\/login$/)
    await expect(page.getByRole('status')).toHaveText('Вы вышли из системы')
    await page.goto('/projects')
    await expect(page).toHaveURL(/\/login\?next=%2Fprojects$/)
  })
})

// Typing into the search box swaps #projects-list by htmx and puts the query into the URL.
// Leaving the box fires `change`, which the form also listens to: blur it here and let that
// request finish too, so a click that follows does not race it (see the known bug below).
async function search(page: Page, text: string) {
  const box = page.getByRole('searchbox', { name: 'Поиск' })
  await box.fill(text)
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(text)
  await box.blur()
  await expect(page.locator('.htmx-request')).toHaveCount(0)
}

// Regressions once found by these tests: a search nested a second list, and a click right
// after typing lost the project's address to the list's hx-push-url.
test.describe('the projects list search', () => {
  test('a search replaces the list instead of nesting a second #projects-list in it', async ({
    page,
  }) => {
    await signIn(page)
    await page.goto('/projects')
    await page.getByRole('searchbox', { name: 'Поиск' }).fill('каспий')
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('каспий')
    await expect(page.locator('.htmx-request')).toHaveCount(0)
    expect(await page.locator('#projects-list').count()).toBe(1)
  })

  test('a project clicked straight after typing a search keeps its own address', async ({
    page,
  }, testInfo) => {
    const code = isPhone(testInfo) ? 'ПОИСК-ТЕЛ' : 'ПОИСК-ПК'
    await signIn(page)
    await page.goto('/projects/new')
    await page.getByLabel('Полное наименование объекта').fill(`Обход г. Тверь (${code})`)
    await page.getByLabel('Краткое наименование').fill(`Обход Твери ${code}`)
    await page.getByLabel('Шифр проекта').fill(code)
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await expect(page).toHaveURL(/\/projects\/\d+$/)
    const projectUrl = page.url()

    await page.goto('/projects')
    await page.getByRole('searchbox', { name: 'Поиск' }).fill(code.toLowerCase())
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(code.toLowerCase())
    await page.getByRole('link', { name: `Обход Твери ${code}`, exact: true }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Обход Твери ${code}`)
    await expect(page.locator('.htmx-request')).toHaveCount(0)
    expect(page.url()).toBe(projectUrl)
  })
})

// On a phone the list starts on the first screen: the filters but the search box fold behind
// «Фильтры» until asked for, or while one of them is set; on a computer they are all shown.
test('the filters fold behind «Фильтры» on a phone, not on a computer', async ({
  page,
}, testInfo) => {
  await signIn(page)
  await page.goto('/projects')
  const status = page.getByRole('combobox', { name: 'Статус' })
  const search = page.getByRole('searchbox', { name: 'Поиск' })
  const toggle = page.getByRole('button', { name: 'Фильтры' })
  await expect(search).toBeVisible()
  if (!isPhone(testInfo)) {
    await expect(status).toBeVisible()
    await expect(toggle).toHaveCount(0)
    return
  }
  await expect(status).toBeHidden()
  await toggle.click()
  await expect(status).toBeVisible()
  await expect(toggle).toHaveCount(0)
  await status.selectOption('active')
  await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('active')
  await page.reload()
  await expect(status).toBeVisible() // a filter is set: nothing folded
  await expect(toggle).toHaveCount(0)
})
