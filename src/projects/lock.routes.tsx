import { lockRoutes } from '../live/lock.routes.tsx'
import { loadProject } from './load-project.ts'

export const projectLockRoutes = lockRoutes({
  type: 'project',
  find: (c) => loadProject(c, { activeOnly: true }),
  href: (id) => `/projects/${id}`,
})
