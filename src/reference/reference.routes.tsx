import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { crewRoutes } from './crews.routes.tsx'
import { markingTypeRoutes } from './marking-types.routes.tsx'
import { materialRoutes } from './materials.routes.tsx'

// Reference data used by the work log and the ГПР: marking types, materials, crews.
export const referenceRoutes = new Hono<AppEnv>()
referenceRoutes.get('/', (c) => c.redirect('/reference/marking-types', 302))
referenceRoutes.route('/marking-types', markingTypeRoutes)
referenceRoutes.route('/materials', materialRoutes)
referenceRoutes.route('/crews', crewRoutes)
