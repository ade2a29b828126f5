import { z } from 'zod'
import { ROLES } from '../auth/roles.ts'
import { optionalText, requiredText } from '../lib/forms.ts'
import { passwordProblem } from '../auth/passwords.ts'

export const loginField = () =>
  requiredText(50)
    .transform((v) => v.toLowerCase())
    .refine(
      (v) => /^[a-z0-9._-]{3,50}$/.test(v),
      'Логин: 3–50 латинских букв, цифр, точек, дефисов',
    )

const profile = {
  full_name: requiredText(200),
  email: optionalText(200).refine(
    (v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    'Введите адрес вида name@example.ru',
  ),
  phone: optionalText(50),
  company: optionalText(200),
  department: optionalText(200),
  position: optionalText(200),
  role: z.enum(ROLES, { error: 'Выберите роль' }),
}

const withPasswordPolicy = <T extends { login: string; password: string }>(
  s: z.ZodType<T>,
): z.ZodType<T> =>
  s.superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.login)
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
  }) as unknown as z.ZodType<T>

export const setupForm = withPasswordPolicy(
  z.object({ login: loginField(), full_name: requiredText(200), password: z.string() }),
)

export const newUserForm = withPasswordPolicy(
  z.object({ login: loginField(), password: z.string(), ...profile }),
)

export const editUserForm = z.object({ ...profile, version: z.coerce.number().int().min(1) })

export type EditUserInput = z.output<typeof editUserForm>

// Labels of the editable profile fields, in form order: the conflict view reads them.
export const USER_FIELDS: [Exclude<keyof EditUserInput, 'version'>, string][] = [
  ['full_name', 'ФИО'],
  ['email', 'Эл. почта'],
  ['phone', 'Телефон'],
  ['company', 'Организация'],
  ['department', 'Отдел'],
  ['position', 'Должность'],
  ['role', 'Роль'],
]

export const userQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  active: z.enum(['1', '0']).optional().catch(undefined),
  department: z.string().trim().max(200).optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
})
export type UserQuery = z.output<typeof userQuery>

// A temporary password an administrator gives a user; the policy also bars the user's login.
export const resetPasswordForm = (login: string) =>
  z.object({ password: z.string() }).superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, login)
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
  })

export const groupForm = z.object({ name: requiredText(100) })
export const renameGroupForm = groupForm.extend({ version: z.coerce.number().int().min(1) })
