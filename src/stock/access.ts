import { can, sqlWhen, visibleProjects, type CurrentUser } from '../auth/current-user.ts'

// The projects a user deals with in the warehouse: the storekeeper (stock.write) serves every
// project; anyone else, the projects they were given.
export const stockProjects = (user: CurrentUser) =>
  can(user, 'stock.write') ? () => sqlWhen(true) : visibleProjects(user)
