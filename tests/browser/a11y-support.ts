import { expect, type Page } from '@playwright/test'
import type { AppServer, DemoUser } from './live-support.ts'
import { expectSettled } from './support.ts'

// What the accessibility, keyboard and screenshot specs share: the two screen sizes, signing in
// to the seeded demo server, and the main pages with their addresses on the demo data.

const DEMO_PASSWORD = 'strod-demo-2026'

export interface Viewport {
  name: string
  width: number
  options: {
    locale: string
    timezoneId: string
    viewport: { width: number; height: number }
    deviceScaleFactor?: number
    isMobile?: boolean
    hasTouch?: boolean
  }
}

// As the config's `use` has it: a context of our own does not inherit that.
const RU = { locale: 'ru-RU', timezoneId: 'Europe/Moscow' }

// An old office PC's screen, and a phone as the config's phone project describes it.
export const DESKTOP: Viewport = {
  name: 'desktop 1366×768',
  width: 1366,
  options: { ...RU, viewport: { width: 1366, height: 768 } },
}
export const PHONE: Viewport = {
  name: 'phone 390×844',
  width: 390,
  options: {
    ...RU,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
}

export async function signInAs(page: Page, user: DemoUser) {
  await page.goto('/login')
  await page.getByLabel('Логин').fill(user.login)
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Войти' }).click()
  await expect(page).toHaveURL(/\/$/) // the dashboard
  await expectSettled(page)
}

// The administrator: only that role manages users (the director sees the audit log).
export const ADMIN_USER: DemoUser = { login: 'admin', shortName: '', initials: '' }

export interface MainPage {
  key: string // file-name friendly
  name: string
  path: string
}

const firstId = (server: AppServer, table: string) => {
  const [row] = server.sql<{ id: number }>(
    `select min(id) as id from ${table} where deleted_at is null`,
  )
  if (!row?.id) throw new Error(`no rows in ${table}`)
  return row.id
}

export const MAIN_PAGES = [
  'dashboard',
  'projects',
  'project',
  'documents',
  'document',
  'remarks',
  'remark',
  'worklog',
  'worklog-entry',
  'gpr',
  'weekly',
  'stock',
  'batch',
  'requests',
  'audit',
  'account',
  'shifts',
] as const
export type MainPageKey = (typeof MAIN_PAGES)[number]

// A page the director reaches, on the demo data (project Р-05 has a log, a ГПР and remarks).
export function mainPage(server: AppServer, key: MainPageKey): MainPage {
  const project = () => server.projectId('Р-05')
  const pages: Record<MainPageKey, () => Omit<MainPage, 'key'>> = {
    dashboard: () => ({ name: 'Главная (директор)', path: '/' }),
    projects: () => ({ name: 'Проекты', path: '/projects' }),
    project: () => ({ name: 'Проект', path: `/projects/${project()}` }),
    documents: () => ({ name: 'Реестр документов', path: '/documents' }),
    document: () => ({ name: 'Документ', path: `/documents/${firstId(server, 'documents')}` }),
    remarks: () => ({ name: 'Замечания', path: '/remarks' }),
    remark: () => ({ name: 'Замечание', path: `/remarks/${firstId(server, 'remarks')}` }),
    worklog: () => ({ name: 'Журнал работ', path: '/worklog' }),
    'worklog-entry': () => ({
      name: 'Журнал проекта с формой записи',
      path: `/projects/${project()}/worklog`,
    }),
    gpr: () => ({ name: 'ГПР', path: `/gpr?project=${project()}` }),
    weekly: () => ({ name: 'Еженедельный отчёт', path: '/gpr/weekly' }),
    stock: () => ({ name: 'Склад', path: '/stock' }),
    batch: () => ({
      name: 'Карточка партии',
      path: `/stock/batches/${firstId(server, 'stock_batches')}`,
    }),
    requests: () => ({ name: 'Заявки', path: '/stock/requests' }),
    audit: () => ({ name: 'Журнал аудита', path: '/admin/audit' }),
    account: () => ({ name: 'Профиль', path: '/account' }),
    shifts: () => ({ name: 'Табель', path: '/shifts' }),
  }
  return { key, ...pages[key]() }
}
