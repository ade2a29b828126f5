import { can, type CurrentUser } from '../auth/current-user.ts'

// What a user may do on a project page: the same answer renders the page and its pushed fragments.
export const projectPerms = (u: CurrentUser) => ({
  write: can(u, 'projects.write'),
  delete: can(u, 'projects.delete'),
  members: can(u, 'projects.members'),
})
export const permsKey = (u: CurrentUser) => {
  const p = projectPerms(u)
  return `${+p.write}${+p.delete}${+p.members}${+can(u, 'locks.break')}`
}
