import type { Db } from '../db/connect.ts'

// storage.ts and images.ts open a transaction of their own; inside the import's they join it
// instead, so a dry run or a failure takes their rows back with everything else.
export function joined(trx: Db): Db {
  return new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction')
        return () => ({ execute: <T>(fn: (t: Db) => Promise<T>) => fn(target) })
      const v = Reflect.get(target, prop, target)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}
