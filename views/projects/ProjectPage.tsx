import type { MemberRow } from '../../src/projects/members.queries.ts'
import type { ProjectWithCustomer } from '../../src/projects/projects.queries.ts'
import { MembersSection, ProjectCard, VolumesTable, type ProjectPerms } from './ProjectDetail.tsx'

export function ProjectPage(p: {
  project: ProjectWithCustomer
  perms: ProjectPerms
  volumes: { material: string; plan_m2: number }[]
  members: MemberRow[]
  candidates: Parameters<typeof MembersSection>[0]['candidates']
}) {
  return (
    <div class="space-y-4">
      <nav class="no-print text-sm">
        <a class="link" href="/projects">
          ← Список проектов
        </a>
      </nav>
      <ProjectCard p={p.project} perms={p.perms} />
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
