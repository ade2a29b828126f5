import { addMember } from './fixtures.ts'
import { World, type Who } from './audit-world.ts'
import type { TestApp } from './app.ts'
import { mondayOf } from '../../src/weekly/week.ts'

// Rows of every kind the main pages show, made through the app's own routes (so audit rows,
// notifications, movements and history come with them), in one main project the pages look at
// and in further projects. grow(n) adds n more of each, so a page can be counted twice.

const day = (base: string, shift: number) =>
  new Date(Date.parse(`${base}T12:00:00Z`) + shift * 86400_000).toISOString().slice(0, 10)

export class PageWorld extends World {
  director!: Who
  pm!: Who
  foreman!: Who
  store!: Who
  inspector!: Who
  main!: number // the project every per-project page shows
  crewId!: number
  card!: number // the batch whose card is counted
  private round = 0

  static async create(t: TestApp) {
    const byCode = async (table: 'marking_types' | 'materials') =>
      Object.fromEntries(
        (await t.db.db.selectFrom(table).select(['id', 'code']).execute()).map((r) => [
          r.code,
          r.id,
        ]),
      )
    const w = new PageWorld(
      t,
      await t.signIn('admin'),
      await byCode('marking_types'),
      await byCode('materials'),
    )
    w.director = await t.signIn('director')
    w.pm = await t.signIn('project_manager')
    w.foreman = await t.signIn('foreman')
    w.store = await t.signIn('storekeeper')
    w.inspector = await t.signIn('inspector')
    w.main = await w.projectWithTeam()
    w.crewId = await w.made('/reference/crews', { name: 'Бригада счёта запросов', notes: '' })
    await t.db.db
      .insertInto('crew_members')
      .values({ crew_id: w.crewId, user_id: w.foreman.id })
      .execute()
    w.card = await w.batch('100000')
    return w
  }

  async projectWithTeam() {
    const p = await this.project()
    for (const who of [this.pm, this.foreman, this.inspector])
      await addMember(this.t, this.admin.cookie, p, who.id)
    return p
  }

  // n more rows of every kind, in the main project and in n new projects of the same team.
  async grow(n: number) {
    for (let i = 0; i < n; i++) await this.oneOfEach(this.round++)
  }

  private async oneOfEach(k: number) {
    const p = this.main
    const other = await this.projectWithTeam()
    await this.customer()
    await this.made(`/projects/${other}/schedule`, { tp_plan: String(1000 + k) })

    // documents: one shipped in the main project, one in the other
    await this.shipped(p)
    await this.document(other)

    // remarks: assigned to the foreman (a notification), half overdue, moved on, commented
    const remark = await this.made(
      `/projects/${p}/remarks`,
      {
        title: `Ширина линии у пешеходного перехода меньше нормы ${k}`,
        priority: k % 2 ? 'high' : 'critical',
        assignee_id: String(this.foreman.id),
        deadline: day(this.today, k % 2 ? 5 : -5),
        location: `км ${10 + k}`,
      },
      this.inspector,
    )
    await this.made(`/remarks/${remark}/status`, { to: 'in_progress' }, this.foreman)
    await this.made(`/remarks/${remark}/comments`, { comment: `Выехали ${k}` }, this.foreman)

    // the work log: two lines a day, spread over the last days of this month
    const workDate = day(this.today, -(k % Math.max(1, Number(this.today.slice(8)) - 1)))
    for (const project of [p, other])
      await this.made(
        `/projects/${project}/worklog`,
        {
          work_date: workDate,
          crew_id: String(this.crewId),
          section: `км ${k} — км ${k + 1}`,
          l0_material_code: 'tp',
          l0_marking_type_id: String(this.type['1.1']),
          l0_metres: String(100 + k),
          l1_material_code: 'tp',
          l1_marking_type_id: String(this.type['1.5']),
          l1_metres: String(50 + k),
        },
        this.foreman,
      )

    // the warehouse: a batch issued to the site, a line waiting for its consumption, a request,
    // and one more movement on the batch whose card is counted
    const b = await this.batch()
    await this.made(
      `/stock/batches/${b}/movements`,
      {
        kind: 'issue',
        quantity: '300',
        project_id: String(p),
        moved_on: this.today,
      },
      this.store,
    )
    await this.made(
      `/projects/${p}/worklog`,
      {
        ...this.line({ l0_batch_id: String(b) }),
        crew_id: String(this.crewId),
      },
      this.foreman,
    )
    await this.made(
      `/stock/batches/${this.card}/movements`,
      {
        kind: 'issue',
        quantity: '10',
        project_id: String(k % 2 ? p : other),
        moved_on: this.today,
      },
      this.store,
    )
    await this.made(
      '/stock/requests',
      {
        project_id: String(p),
        material_id: String(this.material.tp),
        quantity: String(500 + k),
        needed_by: day(this.today, 3),
        reason: `Разметка км ${k}`,
      },
      this.foreman,
    )

    // people: a member of the main project, with a closed shift; the foreman's shifts
    const someone = await this.t.signIn(k % 2 ? 'foreman' : 'viewer')
    await addMember(this.t, this.admin.cookie, p, someone.id)
    const now = new Date().toISOString()
    const started = new Date(Date.parse(`${workDate}T05:00:00Z`)).toISOString()
    const ended = new Date(Date.parse(`${workDate}T14:00:00Z`)).toISOString()
    await this.t.db.db
      .insertInto('work_sessions')
      .values(
        [someone.id, this.foreman.id].map((user_id, j) => ({
          user_id,
          started_at: new Date(Date.parse(started) + j * 60_000).toISOString(),
          ended_at: ended,
          note: null,
          correction_reason: null,
          corrected_by: null,
          created_at: now,
          updated_at: now,
          created_by: user_id,
          updated_by: user_id,
        })),
      )
      .execute()

    // a weekly report issued for an earlier week
    await this.made('/gpr/weekly', { week: day(mondayOf(this.today), -7 * (k + 1)) }, this.director)
  }
}
