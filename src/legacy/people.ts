import type { Db } from '../db/connect.ts'
import { shortName } from '../lib/format.ts'
import { norm } from './source.ts'

// The old app stored people as names (assigned_to, created_by, changed_by …). A name is taken
// for a user when exactly one user has it as login, as full name, or in the short form
// «Фамилия И. О.» (spaces and dots ignored: «Петров П.П.» is «Петров Петр Петрович»).
// Two candidates, or none, and the name stays text.
export class People {
  private byKey = new Map<string, Set<number>>()

  static async load(db: Db) {
    const p = new People()
    const users = await db.selectFrom('users').select(['id', 'login', 'full_name']).execute()
    for (const u of users) p.add(u)
    return p
  }

  add(u: { id: number; login: string; full_name: string }) {
    this.put(`l:${norm(u.login)}`, u.id)
    this.put(`f:${norm(u.full_name)}`, u.id)
    this.put(`c:${compact(u.full_name)}`, u.id)
    this.put(`c:${compact(shortName(u.full_name))}`, u.id)
  }

  private put(key: string, id: number) {
    const set = this.byKey.get(key) ?? new Set()
    set.add(id)
    this.byKey.set(key, set)
  }

  // The user a legacy name stands for, or null.
  match(name: unknown): number | null {
    const n = norm(name)
    if (!n) return null
    for (const key of [`l:${n}`, `f:${n}`, `c:${compact(n)}`]) {
      const ids = this.byKey.get(key)
      if (ids?.size === 1) return [...ids][0]
      if (ids && ids.size > 1) return null
    }
    return null
  }
}

const compact = (s: string) => norm(s).replace(/[\s.]/g, '')
