export const ROLES = [
  'admin',
  'director',
  'project_manager',
  'site_chief',
  'pto_engineer',
  'foreman',
  'storekeeper',
  'inspector',
  'viewer',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Администратор',
  director: 'Исполнительный директор',
  project_manager: 'Руководитель проекта',
  site_chief: 'Начальник участка',
  pto_engineer: 'Инженер ПТО',
  foreman: 'Прораб',
  storekeeper: 'Кладовщик',
  inspector: 'Строительный контроль / заказчик',
  viewer: 'Наблюдатель',
}

export const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v)
