import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page, TestInfo } from '@playwright/test'
import { DIRECTOR, expect, test } from './live-support.ts'
import {
  ADMIN_USER,
  DESKTOP,
  MAIN_PAGES,
  mainPage,
  PHONE,
  signInAs,
  type Viewport,
} from './a11y-support.ts'
import { expectSettled } from './support.ts'
import { FOREMAN } from './remarks-support.ts'

// axe-core over the main pages, at a desk and on a phone: no serious or critical violation of
// WCAG 2.1 A/AA (labels, contrast, names of buttons and links, ARIA), and the page structure
// rules that axe files as best practice (one main landmark, content inside landmarks, headings
// in order, one h1).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
const STRUCTURE = new Set([
  'landmark-one-main',
  'region',
  'heading-order',
  'page-has-heading-one',
  'landmark-unique',
  'landmark-no-duplicate-banner',
])

async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  await expectSettled(page)
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze()
  const failing = result.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical' || STRUCTURE.has(v.id),
  )
  const report = failing.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`),
  }))
  if (result.violations.length)
    await testInfo.attach(`axe-${name}.json`, {
      body: JSON.stringify(result.violations, null, 2),
      contentType: 'application/json',
    })
  expect.soft(report, `${name}: ${page.url()}`).toEqual([])
  // The check ran on the page asked for, not on an error page or the sign-in form.
  expect(result.passes.length).toBeGreaterThan(10)
}

for (const viewport of [DESKTOP, PHONE] as Viewport[]) {
  test.describe(viewport.name, () => {
    test('the sign-in page, the foreman’s dashboard, an error page, the users admin', async ({
      browser,
      server,
    }, testInfo) => {
      const context = await browser.newContext({ ...viewport.options, baseURL: server.url })
      const page = await context.newPage()
      await page.goto('/login')
      await expectAccessible(page, testInfo, `login-${viewport.width}`)
      await signInAs(page, FOREMAN)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expectAccessible(page, testInfo, `dashboard-foreman-${viewport.width}`)
      if (viewport === PHONE) {
        // The sections menu, opened.
        await page.getByText('☰ Меню').click()
        await expect(page.getByRole('navigation', { name: 'Разделы' })).toBeVisible()
        await expectAccessible(page, testInfo, `menu-${viewport.width}`)
      }
      const missing = await page.goto('/no-such-page')
      expect(missing?.status()).toBe(404)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена')
      await expectAccessible(page, testInfo, `not-found-${viewport.width}`)
      await context.clearCookies()
      await signInAs(page, ADMIN_USER)
      await page.goto('/admin/users')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Пользователи')
      await expectAccessible(page, testInfo, `users-${viewport.width}`)
      await context.close()
    })

    // One signed-in page for all the director's pages of this screen size.
    let context: BrowserContext
    let page: Page
    test.beforeAll(async ({ browser, server }) => {
      context = await browser.newContext({ ...viewport.options, baseURL: server.url })
      page = await context.newPage()
      await signInAs(page, DIRECTOR)
    })
    test.afterAll(async () => context?.close())

    for (const key of MAIN_PAGES) {
      test(`${key}`, async ({ server }, testInfo) => {
        const p = mainPage(server, key)
        const res = await page.goto(p.path)
        expect(res?.status(), p.path).toBe(200)
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
        await expectAccessible(page, testInfo, `${p.key}-${viewport.width}`)
      })
    }
  })
}
