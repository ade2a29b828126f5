import sharp from 'sharp'
import type { BrowserContext, Page } from '@playwright/test'
import { countOf } from '../../src/lib/format.ts'
import { expectSettled } from './support.ts'
import { test as live, expect, type AppServer, type DemoUser } from './live-support.ts'

// The remarks test: the inspector at a desk, the foreman on a phone, side by side on the
// seeded server of live-support.

const DEMO_PASSWORD = 'strod-demo-2026'

export const INSPECTOR: DemoUser = {
  login: 'inspector.fedorov',
  shortName: 'Фёдоров В. С.',
  initials: 'ФВ',
}
export const FOREMAN: DemoUser & { fullName: string } = {
  login: 'foreman.volkov',
  shortName: 'Волков С. Д.',
  initials: 'ВС',
  fullName: 'Волков Сергей Дмитриевич',
}

// A phone as the config's phone project describes it (iPhone 12-ish).
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
}

export type SignInOnPhone = (server: AppServer, user: DemoUser) => Promise<Page>

// `signInOnPhone`: like live-support's signIn, but the new context is phone-sized and touch;
// uncaught script errors fail the test here too.
export const test = live.extend<{ signInOnPhone: SignInOnPhone }>({
  signInOnPhone: async ({ browser }, use, testInfo) => {
    const contexts: BrowserContext[] = []
    const pageErrors: string[] = []
    const consoleErrors: string[] = []
    await use(async (server, user) => {
      const context = await browser.newContext({ ...PHONE, baseURL: server.url })
      contexts.push(context)
      context.on('page', (page) => {
        page.on('pageerror', (e) => pageErrors.push(`${user.login} (phone): ${e.message}`))
        page.on('console', (m) => {
          if (m.type() === 'error')
            consoleErrors.push(`${user.login} (phone) ${page.url()}: ${m.text()}`)
        })
      })
      const page = await context.newPage()
      await page.goto('/login')
      await page.getByLabel('Логин').fill(user.login)
      await page.getByLabel('Пароль').fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: 'Войти' }).tap()
      await expect(page).toHaveURL(/\/$/) // the dashboard
      await expectSettled(page)
      return page
    })
    for (const c of contexts) await c.close()
    if (consoleErrors.length)
      await testInfo.attach('phone-console-errors.txt', { body: consoleErrors.join('\n') })
    expect(pageErrors, 'uncaught errors in the phone pages').toEqual([])
  },
})

export { expect }

export function userId(server: AppServer, login: string) {
  const [row] = server.sql<{ id: number }>('select id from users where login = ?', login)
  if (!row) throw new Error(`no user ${login}`)
  return row.id
}

// A small real JPEG, as a phone camera would send (only much smaller).
export async function jpeg(name: string, color: { r: number; g: number; b: number }) {
  const buffer = await sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
    .jpeg({ quality: 80 })
    .toBuffer()
  return { name, mimeType: 'image/jpeg', buffer }
}

// Every signed-in page watches its own 'user:<id>' stream: that is how the bell updates live.
export async function expectBellLive(page: Page, userId: number) {
  await expect(
    page.locator('#live-ack'),
    `the page should watch its own user:${userId} stream, so that its bell updates live`,
  ).toHaveAttribute('data-subscribed', new RegExp(`(^| )user:${userId}( |$)`))
}

// The header bell and its unread count (as its label says it and as data-unread holds it).
export const bell = (page: Page) => page.locator('#notifications-bell')
export async function unread(page: Page) {
  return Number(await bell(page).getAttribute('data-unread'))
}
export async function expectUnread(page: Page, n: number) {
  await expect(bell(page)).toHaveAttribute('data-unread', String(n))
  await expect(bell(page)).toHaveAttribute(
    'aria-label',
    n === 0
      ? 'Уведомления: нет непрочитанных'
      : `Уведомления: ${countOf(n, 'непрочитанное', 'непрочитанных', 'непрочитанных')}`,
  )
}

// The status badge in the remark card's heading block.
export const remarkStatus = (page: Page, id: number) =>
  page.locator(`#remark-${id}-card h1 + div > span`).first()

// A date `days` from today (Moscow), as <input type="date"> takes it, and as the card shows it.
export function dateFromToday(days: number) {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(
    new Date(Date.now() + days * 86_400_000),
  )
  const [y, m, d] = iso.split('-')
  return { iso, shown: `${d}.${m}.${y}` }
}
