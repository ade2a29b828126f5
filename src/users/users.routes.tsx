import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { requirePermission } from '../auth/middleware.ts'

export const adminUserRoutes = new Hono<AppEnv>()
adminUserRoutes.use(requirePermission('users.manage'))
adminUserRoutes.get('/', (c) => c.render(<h1>Пользователи</h1>, { title: 'Пользователи' }))
