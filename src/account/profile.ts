import { z } from 'zod'
import type { Actor } from '../app-env.ts'
import type { Db } from '../db/connect.ts'
import { updateVersioned } from '../db/versioned-update.ts'
import { optionalText, requiredText, versionField } from '../lib/forms.ts'
import { userSearch } from '../users/users.queries.ts'

// What a user edits about themself; role, department and the rest are the administrator's.
export const profileForm = z.object({
  full_name: requiredText(200),
  email: optionalText(200).refine(
    (v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    'Введите адрес вида name@example.ru',
  ),
  phone: optionalText(50),
  version: versionField(),
})
export const PROFILE_FIELDS = ['full_name', 'email', 'phone'] as const

export const updateProfile = (
  db: Db,
  actor: Actor,
  id: number,
  data: z.output<typeof profileForm>,
) =>
  updateVersioned(
    db,
    actor,
    { table: 'users', entity: 'user', id, version: data.version },
    (before) => ({
      full_name: data.full_name,
      email: data.email,
      phone: data.phone,
      search: userSearch({ login: before.login, full_name: data.full_name, email: data.email }),
    }),
  )

// In-app notifications one may turn off, by kind prefix (see notify()).
export const NOTIFICATION_GROUPS: [string, string][] = [
  ['remark.assigned', 'Мне назначено замечание'],
  ['remark.status', 'Изменился статус замечания, за которым я слежу'],
  ['request', 'Заявки на материал: новые, решения, исполнение'],
  ['stock', 'Склад: остаток ниже порога, истекающие сроки годности'],
]

export const mutedOf = (json: string): string[] => {
  try {
    const v = JSON.parse(json)
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

export const isMuted = (muted: string[], kind: string) =>
  muted.some((m) => kind === m || kind.startsWith(`${m}.`))
