import {
  PERMISSIONS,
  PERMISSION_NAMES,
  ROLE_DEFAULTS,
  permissionAreas,
  type Permission,
  type RoleSets,
} from '../../src/auth/permissions.ts'
import { ROLE_LABELS, ROLES, type Role } from '../../src/auth/roles.ts'

// The name and value of a matrix checkbox: 'foreman:worklog.read'.
export const cellKey = (role: Role, p: Permission) => `${role}:${p}`

export const cellsOf = (sets: RoleSets) =>
  ROLES.flatMap((r) => [...sets.get(r)!].map((p) => cellKey(r, p)))

const isDefault = (role: Role, p: Permission) => ROLE_DEFAULTS[role].includes(p)
const changedIn = (sets: RoleSets, role: Role) =>
  PERMISSION_NAMES.filter((p) => sets.get(role)!.has(p) !== isDefault(role, p)).length

function Cell({ role, p, on }: { role: Role; p: Permission; on: boolean }) {
  const changed = on !== isDefault(role, p)
  const locked = role === 'admin' && p === 'users.manage'
  const label = `${ROLE_LABELS[role]}: ${PERMISSIONS[p]}`
  return (
    <td
      class={`border-b border-l border-slate-100 px-1 py-1 text-center ${changed ? 'bg-amber-50' : ''}`}
      data-changed={changed ? 'true' : undefined}
    >
      <label class="flex min-h-[40px] min-w-[64px] cursor-pointer flex-col items-center justify-center">
        {locked ? (
          // Always on: a disabled box is not submitted, so the hidden input carries it.
          <>
            <input type="checkbox" checked disabled aria-label={`${label} (всегда)`} />
            <input type="hidden" name="p" value={cellKey(role, p)} />
            <span class="mt-0.5 text-[11px] text-slate-500">всегда</span>
          </>
        ) : (
          <input
            type="checkbox"
            name="p"
            value={cellKey(role, p)}
            checked={on}
            aria-label={label}
            class="h-5 w-5"
          />
        )}
        {changed && (
          <span class="mt-0.5 text-[11px] leading-tight text-amber-900">
            изменено
            <br />
            по умолч.: {isDefault(role, p) ? 'да' : 'нет'}
          </span>
        )}
      </label>
    </td>
  )
}

const sticky = 'sticky left-0 border-b border-slate-200 px-2 py-1 text-left'

// The roles × permissions matrix: one plain form; each role's reset submits it elsewhere.
export function RolesPage(p: { sets: RoleSets; base: RoleSets; error?: string | null }) {
  return (
    <div class="space-y-3">
      {p.error && (
        <p role="alert" class="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {p.error}
        </p>
      )}
      <p class="text-sm text-slate-600">
        Отметка — у роли есть право. Жёлтая ячейка отличается от умолчания роли. Изменения действуют
        со следующего действия каждого пользователя роли.
      </p>
      <form method="post" action="/admin/roles" id="roles-form" class="space-y-3">
        <input type="hidden" name="was" value={cellsOf(p.base).join(' ')} />
        <div class="max-h-[75vh] overflow-auto rounded border border-slate-200 bg-white">
          <table class="border-separate border-spacing-0 text-sm">
            <thead>
              <tr>
                <th class={`${sticky} top-0 z-20 min-w-[9rem] sm:min-w-[13rem] bg-slate-50`}>
                  Право
                </th>
                {ROLES.map((r) => (
                  <th
                    scope="col"
                    class="sticky top-0 z-10 min-w-[5.5rem] border-b border-l border-slate-200 bg-slate-50 px-1 py-1 text-center text-xs font-semibold"
                  >
                    {ROLE_LABELS[r]}
                  </th>
                ))}
              </tr>
            </thead>
            {permissionAreas().map(([area, perms]) => (
              <tbody>
                <tr>
                  <th class={`${sticky} z-10 bg-slate-100 text-xs uppercase text-slate-600`}>
                    {area}
                  </th>
                  <td class="bg-slate-100" colspan={ROLES.length}></td>
                </tr>
                {perms.map((perm) => (
                  <tr>
                    <th scope="row" class={`${sticky} z-10 bg-white font-normal`}>
                      {PERMISSIONS[perm]}
                      <div class="font-mono text-[11px] text-slate-400">{perm}</div>
                    </th>
                    {ROLES.map((r) => (
                      <Cell role={r} p={perm} on={p.sets.get(r)!.has(perm)} />
                    ))}
                  </tr>
                ))}
              </tbody>
            ))}
            <tfoot>
              <tr>
                <th class={`${sticky} z-10 bg-white text-xs font-normal text-slate-500`}>
                  Отличий от умолчаний
                </th>
                {ROLES.map((r) => {
                  const n = changedIn(p.base, r)
                  return (
                    <td class="border-l border-slate-100 px-1 py-1 text-center text-xs">
                      {n ? (
                        <button
                          class="btn px-2 text-xs"
                          formaction={`/admin/roles/${r}/reset`}
                          title={`Сбросить права роли «${ROLE_LABELS[r]}» к умолчаниям`}
                        >
                          {n} · сбросить
                        </button>
                      ) : (
                        <span class="text-slate-400">нет</span>
                      )}
                    </td>
                  )
                })}
              </tr>
            </tfoot>
          </table>
        </div>
        <button class="btn btn-primary">Сохранить права</button>
      </form>
      <details class="card">
        <summary class="cursor-pointer text-sm">Сбросить права всех ролей к умолчаниям…</summary>
        <form method="post" action="/admin/roles/reset" class="mt-2 space-y-2">
          <p class="text-sm text-slate-700">
            Все изменённые ячейки вернутся к умолчаниям. Прежние значения останутся в журнале
            аудита.
          </p>
          <button class="btn btn-danger">Сбросить все роли</button>
        </form>
      </details>
    </div>
  )
}
