import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserContext, Page, TestInfo } from '@playwright/test'
import { expect, test } from './live-support.ts'
import { FOREMAN } from './remarks-support.ts'
import { expectSettled } from './support.ts'
import {
  ADMIN_USER,
  DESKTOP,
  MAIN_PAGES,
  mainPage,
  PHONE,
  signInAs,
  type Viewport,
} from './a11y-support.ts'
import { DIRECTOR } from './live-support.ts'

// Screenshots of the main pages on a phone (390×844) and an office screen (1366×768), kept for
// people to look at: attached to each test and written to <outputDir>/screens/<page>-<width>.png.
// On the phone, each page is checked for what a screenshot shows badly: no sideways scrolling,
// and controls large enough for a finger.

async function keep(page: Page, testInfo: TestInfo, name: string) {
  await expectSettled(page)
  await page.evaluate(() => document.fonts.ready)
  const dir = join(testInfo.project.outputDir, 'screens')
  await mkdir(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  // The whole page, up to 4 000 px down: the long lists go on alike (and a 47 000 px audit log
  // at twice the pixels is slow to take and to look at).
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }))
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, 4000) },
  })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

// The page fits the phone's width. On a phone the browser zooms out to show an overflowing
// page whole, and innerWidth grows with it: the layout width (clientWidth) is checked too.
async function expectNoSidewaysScroll(page: Page) {
  const size = await page.evaluate(() => {
    const root = document.scrollingElement!
    // The outermost elements sticking out to the right, not clipped or scrolled by a box of
    // their own: what to fix when this fails.
    const clipped = (el: HTMLElement) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true
      return false
    }
    const out = (el: Element) => el.getBoundingClientRect().right > root.clientWidth + 1
    const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => out(el) && !(el.parentElement && out(el.parentElement)) && !clipped(el))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.outerHTML.slice(0, 100)} → ${Math.round(el.getBoundingClientRect().right)} px`,
      )
    return {
      scrollWidth: root.scrollWidth,
      innerWidth: window.innerWidth,
      clientWidth: root.clientWidth,
      wide,
    }
  })
  const why = JSON.stringify(size, null, 1)
  expect(size.scrollWidth, why).toBeLessThanOrEqual(size.innerWidth)
  expect(size.scrollWidth, why).toBeLessThanOrEqual(size.clientWidth)
}

// Buttons, fields and lists in the page's content at least 40 px high (a finger, in gloves); a
// checkbox counts with the label it sits in, which takes the tap too.
async function expectTouchTargets(page: Page) {
  const small = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        'main button, main .btn, main select, main textarea, main input:not([type=hidden])',
      ),
    )
      .map((el) => (el.matches('[type=checkbox], [type=radio]') ? (el.closest('label') ?? el) : el))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && box.height < 40)
      .map(({ el, box }) => `${el.outerHTML.slice(0, 120)} — ${Math.round(box.height)} px`),
  )
  expect(small, 'controls lower than 40 px').toEqual([])
}

async function checkPhone(page: Page, viewport: Viewport) {
  if (viewport !== PHONE) return
  await expectNoSidewaysScroll(page)
  await expectTouchTargets(page)
}

for (const viewport of [PHONE, DESKTOP]) {
  test.describe(viewport.name, () => {
    test('sign-in, the foreman’s dashboard and his work log, users admin', async ({
      browser,
      server,
    }, testInfo) => {
      const context = await browser.newContext({ ...viewport.options, baseURL: server.url })
      const page = await context.newPage()
      await page.goto('/login')
      await keep(page, testInfo, `login-${viewport.width}`)
      await checkPhone(page, viewport)
      await signInAs(page, FOREMAN)
      await keep(page, testInfo, `dashboard-foreman-${viewport.width}`)
      await checkPhone(page, viewport)
      await page.goto(`/projects/${server.projectId('Р-05')}/worklog`)
      await expect(page.getByLabel('Материал, строка 1')).toBeVisible()
      await keep(page, testInfo, `worklog-foreman-${viewport.width}`)
      await checkPhone(page, viewport)
      await page.goto('/remarks/new')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await keep(page, testInfo, `remark-new-${viewport.width}`)
      await checkPhone(page, viewport)
      await context.clearCookies()
      await signInAs(page, ADMIN_USER)
      await page.goto('/admin/users')
      await keep(page, testInfo, `users-${viewport.width}`)
      await checkPhone(page, viewport)
      await context.close()
    })

    let context: BrowserContext
    let page: Page
    test.beforeAll(async ({ browser, server }) => {
      context = await browser.newContext({ ...viewport.options, baseURL: server.url })
      page = await context.newPage()
      await signInAs(page, DIRECTOR)
    })
    test.afterAll(async () => context?.close())

    for (const key of MAIN_PAGES) {
      test(key, async ({ server }, testInfo) => {
        const p = mainPage(server, key)
        const res = await page.goto(p.path)
        expect(res?.status(), p.path).toBe(200)
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
        await keep(page, testInfo, `${key}-${viewport.width}`)
        await checkPhone(page, viewport)
      })
    }
  })
}
