import { expectWatching, markPage } from './live-support.ts'
import {
  bell,
  expectBellLive,
  dateFromToday,
  expect,
  expectUnread,
  FOREMAN,
  INSPECTOR,
  jpeg,
  remarkStatus,
  test,
  unread,
  userId,
} from './remarks-support.ts'
import { expectNoHorizontalScroll, keepScreenshot } from './support.ts'

// The life of a remark (issue 5) by two people side by side: the inspector Фёдоров at a desk
// registers it on Р-05 (both are members of it) with a «до» photo and assigns it to the
// foreman Волков, who works on a phone.
test('a remark registered by the inspector reaches the foreman’s phone as a live notification; he fixes it with an «после» photo, the inspector sees it live and closes it', async ({
  server,
  signIn,
  signInOnPhone,
}, testInfo) => {
  const projectId = server.projectId('Р-05')
  const foremanId = userId(server, FOREMAN.login)
  const deadline = dateFromToday(7)
  const title = 'Разметка 1.1 уже нормы, шелушение термопластика'

  const inspector = await signIn(server, INSPECTOR)
  const foreman = await signInOnPhone(server, FOREMAN)

  // The foreman, signed in, looks at his projects list; his bell listens to his own stream.
  await expectBellLive(foreman, foremanId)
  const unreadAtStart = await unread(foreman)
  const foremanStayed = await markPage(foreman)

  let remarkId = 0
  let number = ''
  await test.step('the inspector registers the remark with a «до» photo, assigned to the foreman', async () => {
    await inspector.goto(`/projects/${projectId}/remarks`)
    await inspector.getByRole('link', { name: '+ Новое замечание' }).click()
    await expect(inspector.getByRole('heading', { level: 1 })).toHaveText('Новое замечание — Р-05')
    await inspector.getByLabel('Суть замечания').fill(title)
    await inspector
      .getByLabel('Описание', { exact: true })
      .fill('Ширина линии 0,10 м вместо 0,15 м, покрытие отслаивается на участке 40 м.')
    await inspector.getByLabel('Место (км, пикет)').fill('км 12+350, правая полоса')
    await inspector.getByLabel('Приоритет').selectOption({ label: 'Высокий' })
    await inspector.getByLabel('Исполнитель').selectOption({ label: FOREMAN.fullName })
    await inspector.getByLabel('Срок устранения').fill(deadline.iso)
    await inspector
      .getByLabel('Фото «до» (необязательно)')
      .setInputFiles(await jpeg('do-km12.jpg', { r: 190, g: 60, b: 40 }))
    await inspector.getByRole('button', { name: 'Сохранить' }).click()

    const flash = inspector.locator('#flash')
    await expect(flash).toHaveText(/^Замечание \S+ зарегистрировано$/)
    number = /^Замечание (\S+) зарегистрировано$/.exec((await flash.textContent())!.trim())![1]!
    remarkId = Number(/\/remarks\/(\d+)$/.exec(inspector.url())![1])

    await expect(inspector.getByRole('heading', { level: 1 })).toHaveText(`${number} — ${title}`)
    await expect(remarkStatus(inspector, remarkId)).toHaveText('Новое')
    const card = inspector.locator(`#remark-${remarkId}-card`)
    await expect(card.locator('dt:text-is("Исполнитель") + dd')).toHaveText(FOREMAN.shortName)
    await expect(card.locator('dt:text-is("Срок устранения") + dd')).toHaveText(deadline.shown)
    const before = inspector.getByRole('img', { name: 'Фото до: do-km12.jpg' })
    await expect(before).toBeVisible()
    await expect(before).toHaveJSProperty('complete', true)
    expect(await before.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
  })

  await test.step('the foreman’s bell shows the new notification without a reload', async () => {
    await expectUnread(foreman, unreadAtStart + 1)
    await foremanStayed()
  })

  await test.step('the foreman opens the notification and lands on the remark', async () => {
    await bell(foreman).tap()
    await expect(foreman).toHaveURL(/\/notifications$/)
    await foreman
      .getByRole('button', { name: new RegExp(`Вам назначено замечание ${number}`) })
      .tap()
    await expect(foreman).toHaveURL(new RegExp(`/remarks/${remarkId}$`))
    await expect(foreman.getByRole('heading', { level: 1 })).toHaveText(`${number} — ${title}`)
    await expect(remarkStatus(foreman, remarkId)).toHaveText('Новое')
    await expect(foreman.getByRole('img', { name: 'Фото до: do-km12.jpg' })).toBeVisible()
    await expectUnread(foreman, unreadAtStart)
    await expectNoHorizontalScroll(foreman)
  })

  // The inspector stays on the remark's page from here on.
  await expectWatching(inspector, `remark:${remarkId}`)
  const inspectorStayed = await markPage(inspector)

  await test.step('the foreman takes it into work', async () => {
    await foreman.getByRole('button', { name: 'Принять в работу' }).tap()
    await expect(foreman.locator('#flash')).toHaveText('Статус: В работе')
    await expect(remarkStatus(foreman, remarkId)).toHaveText('В работе')
    await expect(remarkStatus(inspector, remarkId)).toHaveText('В работе')
  })

  await test.step('the foreman adds an «после» photo', async () => {
    await foreman.getByLabel('До или после').selectOption({ label: 'После' })
    await foreman
      .getByLabel('Фото', { exact: true })
      .setInputFiles(await jpeg('posle-km12.jpg', { r: 240, g: 240, b: 235 }))
    await foreman.getByRole('button', { name: 'Добавить фото' }).tap()
    await expect(foreman.locator('#flash')).toHaveText('Фото «после» добавлено')
    await expect(foreman.getByRole('img', { name: 'Фото после: posle-km12.jpg' })).toBeVisible()
  })

  await test.step('the foreman marks it fixed; the inspector’s page shows «Исправлено» live', async () => {
    await foreman.getByRole('button', { name: 'Отметить исправленным' }).tap()
    await expect(foreman.locator('#flash')).toHaveText('Статус: Исправлено')
    await expect(remarkStatus(foreman, remarkId)).toHaveText('Исправлено')
    await expect(foreman.getByRole('button', { name: 'Отметить исправленным' })).toHaveCount(0)

    await expect(remarkStatus(inspector, remarkId)).toHaveText('Исправлено')
    await expect(inspector.getByRole('img', { name: 'Фото после: posle-km12.jpg' })).toBeVisible()
    await expect(inspector.getByRole('button', { name: 'Закрыть' })).toBeVisible()
    await inspectorStayed()
  })

  // Now the foreman stays on the remark's page.
  await expectWatching(foreman, `remark:${remarkId}`)
  await expectBellLive(foreman, foremanId)
  const unreadBeforeClose = await unread(foreman)
  const foremanStaysOnRemark = await markPage(foreman)

  await test.step('the inspector closes it; the foreman’s phone shows «Закрыто» live', async () => {
    await inspector.getByLabel('Комментарий к смене статуса').fill('Проверено на месте, принято.')
    await inspector.getByRole('button', { name: 'Закрыть' }).click()
    await expect(inspector.locator('#flash')).toHaveText('Статус: Закрыто')
    await expect(remarkStatus(inspector, remarkId)).toHaveText('Закрыто')

    await expect(remarkStatus(foreman, remarkId)).toHaveText('Закрыто')
    await expect(foreman.locator(`#remark-${remarkId}-history`)).toContainText(
      'Проверено на месте, принято.',
    )
    await expectUnread(foreman, unreadBeforeClose + 1)
    await foremanStaysOnRemark()
  })

  await test.step('the phone page fits the screen', async () => {
    await expectNoHorizontalScroll(foreman)
    await keepScreenshot(foreman, testInfo, 'phone-remark-closed')
  })
})
