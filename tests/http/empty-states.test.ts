import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/db.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { addMember, makeProject } from '../support/fixtures.ts'
import { emptyCard } from '../support/html.ts'

type Who = { id: number; cookie: string }

describe.each(DIALECTS)('empty lists on %s', (dialect) => {
  let t: TestApp
  let admin: Who
  let viewer: Who
  let foreman: Who
  const page = async (path: string, who: Who) => {
    const r = await t.get(path, who.cookie)
    expect(r.status, path).toBe(200)
    return r.text()
  }
  const card = async (path: string, who: Who, kind: 'none' | 'filtered' = 'none') => {
    const c = emptyCard(await page(path, who), kind)
    expect(c, `${path}: no ${kind} empty state`).not.toBeNull()
    return c!
  }

  beforeAll(async () => {
    t = await testApp(dialect)
    admin = await t.signIn('admin')
    viewer = await t.signIn('viewer')
    foreman = await t.signIn('foreman')
  })
  afterAll(() => t.close())

  it('a fresh database: each list says what it is for, with a create button only for those who may', async () => {
    const cases: [path: string, text: string, create: string | null][] = [
      ['/projects', 'Проектов пока нет', 'href="/projects/new"'],
      ['/customers', 'Заказчиков пока нет', 'href="/customers/new"'],
      ['/reference/crews', 'Бригад пока нет', 'href="#new-crew"'],
      ['/documents', 'Документов пока нет', null],
      ['/worklog', 'В этом месяце записей пока нет', null],
      ['/notifications', 'Уведомлений пока нет', null],
    ]
    for (const [path, text, create] of cases) {
      const mine = await card(path, admin)
      expect(mine, path).toContain(text)
      if (create) expect(mine, path).toContain(create)
      const theirs = await card(path, viewer)
      expect(theirs, path).not.toContain('btn-primary')
      if (create) expect(theirs, path).not.toContain(create)
    }
    // A reader with no project is not told to create one: he is told how access is given.
    const none = await card('/projects', viewer)
    expect(none).toContain('Проекты не найдены.')
    expect(none).toContain('доступ к проекту даёт')
    // The cross-project registry sends to the projects, where documents are added.
    expect(await card('/documents', admin)).toContain('href="/projects"')
  })

  it('admin lists: groups and the legacy import lead to their forms; the viewer may not open them', async () => {
    const groups = await card('/admin/groups', admin)
    expect(groups).toContain('Групп пока нет')
    expect(groups).toContain('href="#new-group"')
    expect((await t.get('/admin/groups', viewer.cookie)).status).toBe(403)
    const imports = await card('/admin/import', admin)
    expect(imports).toContain('Импорт ещё не запускался')
    expect(imports).toContain('href="#import-form"')
    expect(await page('/admin/import', admin)).toMatch(
      /<form[^>]*id="import-form"[^>]*hx-disabled-elt=/,
    )
  })

  it('a month without shifts offers to start one (everyone clocks in), a past month does not', async () => {
    const now = await card('/shifts', viewer)
    expect(now).toContain('В этом месяце смен пока нет')
    expect(now).toContain('action="/shifts/start"')
    const past = await card('/shifts?month=2020-01', viewer)
    expect(past).toContain('В этом месяце смен нет')
    expect(past).not.toContain('/shifts/start')
  })

  it("a project's empty registry and log: the button for writers, none for a reader member", async () => {
    const id = await makeProject(t, admin.cookie)
    await addMember(t, admin.cookie, id, viewer.id)
    await addMember(t, admin.cookie, id, foreman.id)
    const docs = `/projects/${id}/documents`
    expect(await card(docs, admin)).toContain(`href="/projects/${id}/documents/new"`)
    const viewerDocs = await card(docs, viewer)
    expect(viewerDocs).toContain('Документов пока нет')
    expect(viewerDocs).not.toContain('/documents/new')

    const log = `/projects/${id}/worklog`
    const foremanLog = await card(log, foreman)
    expect(foremanLog).toContain('+ Внести первую запись')
    expect(foremanLog).toContain('href="#entry-form"')
    expect(await page(log, foreman)).toContain('id="entry-form"')
    const viewerLog = await card(log, viewer)
    expect(viewerLog).toContain('В этом месяце записей пока нет')
    expect(viewerLog).not.toContain('#entry-form')
    // The all-projects log sends a writer to his project's form; a reader gets no button.
    expect(await card('/worklog', foreman)).toContain(`href="/projects/${id}/worklog#entry-form"`)
    expect(await card('/worklog', viewer)).not.toContain('btn-primary')
    // The project exists now: the list is no longer empty, for the reader too.
    expect(emptyCard(await page('/projects', viewer))).toBeNull()
  })

  it('filters that match nothing say so and link to the unfiltered list', async () => {
    const id = await makeProject(t, admin.cookie, { short_name: 'Объезд Ёлкино' })
    const cases: [path: string, reset: string][] = [
      ['/projects?q=несуществующий', '/projects'],
      ['/customers?q=несуществующий', '/customers'],
      ['/documents?q=несуществующий', '/documents'],
      [`/projects/${id}/documents?q=несуществующий`, `/projects/${id}/documents`],
      ['/worklog?material=nothing', '/worklog'],
      [`/projects/${id}/worklog?from=2020-01-01&to=2020-01-31`, `/projects/${id}/worklog`],
      ['/admin/users?q=несуществующий', '/admin/users'],
      ['/admin/audit?q=несуществующий', '/admin/audit'],
    ]
    for (const [path, reset] of cases) {
      const c = await card(path, admin, 'filtered')
      expect(c, path).toContain('Ничего не найдено')
      expect(c, path).toContain(`href="${reset}"`)
      expect(c, path).toContain('Сбросить фильтры')
      expect(c, path).not.toContain('btn-primary')
    }
    // The fragment htmx swaps while typing carries the same state.
    const fragment = await t.get('/projects?q=несуществующий', admin.cookie, {
      'HX-Request': 'true',
    })
    const html = await fragment.text()
    expect(html).not.toContain('<html')
    expect(emptyCard(html, 'filtered')).toContain('href="/projects"')
    // With the filter met, the list shows rows and no empty state.
    const found = await page(`/projects?q=${encodeURIComponent('ёлкино')}`, admin)
    expect(found).toContain('Объезд Ёлкино')
    expect(emptyCard(found, 'filtered')).toBeNull()
  })

  it('lists and their filters carry a loading indicator; create forms cannot be posted twice', async () => {
    const projects = await page('/projects', admin)
    expect(projects).toContain('hx-indicator="#projects-busy"')
    expect(projects).toMatch(/id="projects-busy"[^>]*class="busy/)
    expect(projects.match(/class="busy /g)?.length).toBe(2) // the list's and the filter form's
    const crews = await page('/reference/crews', admin)
    expect(crews).toMatch(
      /<form[^>]*id="new-crew"[^>]*hx-disabled-elt="find button\[type=submit\]"/,
    )
  })
})
