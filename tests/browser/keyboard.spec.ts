import type { Page } from '@playwright/test'
import { DESKTOP } from './a11y-support.ts'
import { expect, test } from './live-support.ts'
import { FOREMAN } from './remarks-support.ts'
import { expectSettled } from './support.ts'

// A foreman at an old office PC without a mouse: signs in, opens the work log, enters a line
// and saves it, with Tab, Shift+Tab, Enter, Space and typing only. Every stop of the Tab key
// on the way shows a focus ring.

interface Focused {
  tag: string
  name: string // the accessible name as far as a test needs it: label, aria-label or text
  href: string | null
  visible: boolean
  ring: boolean
  style: string // the outline and shadow seen, for the failure message
}

// What has the keyboard focus, and whether one can see it: an outline of 2 px or more, or a
// box shadow, on an element with a size on screen.
const focused = (page: Page) =>
  page.evaluate((): Focused | null => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return null
    const style = getComputedStyle(el)
    const box = el.getBoundingClientRect()
    const label =
      el.getAttribute('aria-label') ||
      (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
      el.closest('label')?.querySelector('.label')?.textContent ||
      el.textContent ||
      ''
    return {
      tag: el.tagName.toLowerCase(),
      name: label.replace(/\s+/g, ' ').trim(),
      href: el.getAttribute('href'),
      visible: box.width > 0 && box.height > 0,
      ring:
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
        style.boxShadow !== 'none' ||
        // Focus inside the element's own browser parts (a date field's calendar button), which
        // the browser rings itself.
        (!el.matches(':focus') && el.matches(':focus-within')),
      style: `${style.outlineStyle} ${style.outlineWidth} / ${style.boxShadow}`,
    }
  })

// Presses Tab (or Shift+Tab) until the focused element matches, at most `max` times; each stop
// on the way must be visible and show its focus. Returns how many stops it took.
async function tabTo(
  page: Page,
  match: (f: Focused) => boolean,
  what: string,
  { back = false, max = 80 } = {},
) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    const f = await focused(page)

    if (!f) continue // past the last element, the browser's own UI
    expect(f.visible, `stop ${i} on the way to ${what}: ${JSON.stringify(f)}`).toBe(true)
    expect(f.ring, `stop ${i} on the way to ${what} shows no focus: ${JSON.stringify(f)}`).toBe(
      true,
    )
    if (match(f)) return i
  }
  throw new Error(`${what}: not reached in ${max} presses of Tab`)
}

const named = (name: string | RegExp) => (f: Focused) =>
  typeof name === 'string' ? f.name === name : name.test(f.name)

test('sign-in, the work log and a new line, by keyboard alone', async ({ browser, server }) => {
  const project = server.projectId('Р-05')
  const before = server.sql<{ n: number }>(
    'select count(*) as n from worklog_entries where project_id = ? and metres = 345',
    project,
  )[0]!.n
  const context = await browser.newContext({ ...DESKTOP.options, baseURL: server.url })
  const page = await context.newPage()

  await test.step('sign in', async () => {
    await page.goto('/login')
    expect(await tabTo(page, () => true, 'the first stop')).toBe(1)
    expect((await focused(page))?.name).toBe('Перейти к содержанию')
    await tabTo(page, named('Логин'), 'the login field')
    await page.keyboard.type(FOREMAN.login)
    await tabTo(page, named('Пароль'), 'the password field')
    await page.keyboard.type('strod-demo-2026')
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/$/)
    await expectSettled(page)
  })

  await test.step('the skip link leads past the header', async () => {
    await page.keyboard.press('Tab')
    expect((await focused(page))?.name).toBe('Перейти к содержанию')
    await page.keyboard.press('Enter')
    await expect(page.locator('main')).toBeFocused()
    await page.keyboard.press('Tab')
    const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'))
    expect(inMain, 'the next stop after the skip link is inside <main>').toBe(true)
  })

  await test.step('open the work log from the header, back with Shift+Tab', async () => {
    await tabTo(page, named('Журнал работ'), 'the header link', { back: true })
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/worklog$/)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expectSettled(page)
    await tabTo(page, (f) => f.href === `/projects/${project}/worklog`, 'the project’s log', {
      max: 150,
    })
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(new RegExp(`/projects/${project}/worklog$`))
    await expectSettled(page)
  })

  await test.step('enter a line and save it', async () => {
    await tabTo(page, named('Материал, строка 1'), 'the first line', { max: 150 })
    // Arrow keys step through a closed list; typing its first letters jumps there (the
    // keyboard types Cyrillic as text input, which a list does not search, hence the arrows).
    const material = page.getByLabel('Материал, строка 1')
    for (let i = 0; i < 10 && (await material.inputValue()) !== 'tp'; i++)
      await page.keyboard.press('ArrowDown')
    await expect(material.locator('option:checked')).toHaveText('ТП')
    await page.keyboard.press('Tab')
    await page.keyboard.type('1.1')
    const type = page.getByLabel('Тип разметки, строка 1')
    await expect(type.locator('option:checked')).toHaveText(/^1\.1 /)
    await tabTo(page, named('Длина, м, строка 1'), 'the length')
    await page.keyboard.type('345')
    await expect(page.locator('[data-area-out]').first()).toHaveText(/^= \d/)
    await tabTo(page, named('Сохранить'), 'the save button')
    await page.keyboard.press('Space')
    await expect(page.locator('#flash')).toContainText('Записано строк: 1')
  })

  await test.step('every stop of the work-log page shows its focus', async () => {
    // From the top round to the top again: the skip link is the first stop and comes back
    // after the last one (and the browser's own bar).
    await page.keyboard.press('Tab')
    expect((await focused(page))?.name).toBe('Перейти к содержанию')
    const stops = await tabTo(page, named('Перейти к содержанию'), 'the whole page', { max: 400 })
    expect(stops).toBeGreaterThan(40) // the header, five lines of the form, the log below
  })

  const after = server.sql<{ n: number }>(
    'select count(*) as n from worklog_entries where project_id = ? and metres = 345',
    project,
  )[0]!.n
  expect(after).toBe(before + 1)
  await context.close()
})
