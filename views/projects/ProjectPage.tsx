import type { MemberRow } from '../../src/projects/members.queries.ts'
import type { ProjectWithCustomer } from '../../src/projects/projects.queries.ts'
import {
  MembersSection,
  ProjectCard,
  VolumesTable,
  type CardLive,
  type ProjectPerms,
} from './ProjectDetail.tsx'
import { Presence } from '../live/Presence.tsx'
import { can } from '../../src/auth/current-user.ts'
import { HistoryLink } from '../audit/HistoryLink.tsx'

export function ProjectPage(p: {
  project: ProjectWithCustomer
  perms: ProjectPerms
  live: CardLive & { present: { id: number; full_name: string }[] }
  volumes: { material: string; plan_m2: number }[]
  members: MemberRow[]
  candidates: Parameters<typeof MembersSection>[0]['candidates']
}) {
  return (
    <div class="space-y-4">
      <nav
        class="no-print flex flex-wrap items-center justify-between gap-2 text-sm"
        aria-label="Назад"
      >
        <a class="link" href="/projects">
          ← Список проектов
        </a>
        <Presence stream={`project:${p.project.id}`} users={p.live.present} meId={p.live.me.id} />
      </nav>
      <ProjectCard p={p.project} perms={p.perms} live={p.live} />
      <nav class="no-print flex flex-wrap gap-2" aria-label="Разделы проекта">
        {can(p.live.me, 'documents.read') && (
          <a class="btn" href={`/projects/${p.project.id}/documents`}>
            Исполнительная документация
          </a>
        )}
        {can(p.live.me, 'worklog.read') && (
          <a class="btn" href={`/projects/${p.project.id}/worklog`}>
            Журнал работ
          </a>
        )}
        {can(p.live.me, 'schedule.write') && (
          <a class="btn" href={`/projects/${p.project.id}/schedule`}>
            План ГПР
          </a>
        )}
        {can(p.live.me, 'stock.read') && (
          <a class="btn" href={`/stock/registry/${p.project.id}`}>
            Реестр применяемых материалов
          </a>
        )}
        {can(p.live.me, 'remarks.read') && (
          <a class="btn" href={`/projects/${p.project.id}/remarks`}>
            Замечания
          </a>
        )}
        <HistoryLink user={p.live.me} entity="project" id={p.project.id} class="btn" />
      </nav>
      <div class="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <VolumesTable volumes={p.volumes} />
        <MembersSection
          projectId={p.project.id}
          members={p.members}
          canManage={p.perms.members}
          candidates={p.candidates}
        />
      </div>
    </div>
  )
}
