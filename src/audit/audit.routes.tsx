import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'

export const auditRoutes = new Hono<AppEnv>()
auditRoutes.use(requirePermission('audit.read'))
auditRoutes.get('/', (c) => c.render(<h1>Журнал аудита</h1>, { title: 'Журнал аудита' }))
