import { describe, expect, it } from 'vitest'
import { conditionOf } from '../../src/legacy/doc-movements.ts'
import { documentKey, documentState } from '../../src/legacy/import-documents.ts'
import { parseDaily } from '../../src/legacy/import-gpr.ts'
import { remarkPriority, remarkStatus } from '../../src/legacy/import-remarks.ts'
import { requestStatus } from '../../src/legacy/import-stock.ts'
import { roleOf } from '../../src/legacy/import-users.ts'
import { parsePermissions, parsePythonRepr, ReprError } from '../../src/legacy/py-repr.ts'

describe('the Python repr of users.permissions', () => {
  it('reads dicts with single quotes, True/False/None, nesting and escapes', () => {
    expect(parsePythonRepr("{'read': True, 'write': False, 'n': None}")).toEqual({
      read: true,
      write: false,
      n: null,
    })
    expect(
      parsePythonRepr(`{'docs': ['a', "b"], 't': (1, -2.5,), 'q': 'it\\'s', 'u': '\\u0416'}`),
    ).toEqual({ docs: ['a', 'b'], t: [1, -2.5], q: "it's", u: 'Ж' })
    expect(parsePythonRepr("{'a', 'b'}")).toEqual(['a', 'b']) // a set
  })

  it('reads {}, NULL and empty text as no permissions, and refuses anything else', () => {
    expect(parsePermissions('{}')).toEqual({})
    expect(parsePermissions(null)).toEqual({})
    expect(parsePermissions('')).toEqual({})
    expect(parsePermissions("['read']")).toBeNull() // not a dict
    expect(parsePermissions("{'read': True, [oops")).toBeNull()
    expect(parsePermissions("__import__('os').system('rm -rf /')")).toBeNull()
    expect(() => parsePythonRepr("{'a': True} extra")).toThrow(ReprError)
    expect(() => parsePythonRepr("{'a': open('x')}")).toThrow(ReprError)
  })
})

describe('roles from the old flags and positions', () => {
  const base = { is_admin: 0, position: null, department: null, permissions: {} }
  it('makes administrators of is_admin or an admin flag', () => {
    expect(roleOf({ ...base, is_admin: 1 })).toBe('admin')
    expect(roleOf({ ...base, permissions: { admin: true } })).toBe('admin')
    expect(roleOf({ ...base, permissions: { admin: false } })).toBe('viewer')
  })
  it('reads the Russian position, then the department, else viewer', () => {
    expect(roleOf({ ...base, position: 'Прораб участка' })).toBe('foreman')
    expect(roleOf({ ...base, position: 'Начальник участка №2' })).toBe('site_chief')
    expect(roleOf({ ...base, position: 'Инженер ПТО' })).toBe('pto_engineer')
    expect(roleOf({ ...base, position: 'Исполнительный директор' })).toBe('director')
    expect(roleOf({ ...base, position: 'Кладовщица' })).toBe('storekeeper')
    expect(roleOf({ ...base, position: 'Инженер', department: 'Отдел ПТО' })).toBe('pto_engineer')
    expect(roleOf({ ...base, position: 'Инженер-сметчик' })).toBe('viewer')
    expect(roleOf({ ...base, position: 'Оптовик' })).toBe('viewer') // «пто» inside a word
  })
})

describe('statuses and other words of the old data', () => {
  it('maps remark enum names, values and Russian labels', () => {
    expect(remarkStatus('IN_PROGRESS')).toBe('in_progress')
    expect(remarkStatus('closed')).toBe('closed')
    expect(remarkStatus('В работе')).toBe('in_progress')
    expect(remarkStatus('LOST')).toBeNull()
    expect(remarkPriority('HIGH')).toBe('high')
    expect(remarkPriority('medium')).toBe('normal')
    expect(remarkPriority('Критический')).toBe('critical')
  })
  it('maps document statuses of both files', () => {
    expect(documentState('в наличии')).toBe('in_office')
    expect(documentState('Отправлен')).toBe('shipped')
    expect(documentState('возвращён')).toBe('returned')
    expect(documentState('returned')).toBe('returned')
    expect(documentState('где-то')).toBeNull()
    expect(documentKey(' АОСР-1 ', 'Акт  скрытых работ')).toBe(
      documentKey('аоср-1', 'АКТ СКРЫТЫХ РАБОТ'),
    )
  })
  it('maps return conditions and keeps other words as a note', () => {
    expect(conditionOf('Подписан').condition).toBe('signed')
    expect(conditionOf('с замечаниями').condition).toBe('remarks')
    expect(conditionOf('не подписан').condition).toBe('unsigned')
    expect(conditionOf('потерян')).toEqual({ condition: null, note: 'Состояние: потерян' })
    expect(conditionOf(null)).toEqual({ condition: null, note: null })
    expect(requestStatus('APPROVED')).toBe('approved')
    expect(requestStatus('Отклонена')).toBe('rejected')
  })
  it('reads daily_data as days, NULL / empty / {} as none, and says what is wrong', () => {
    expect(parseDaily('{"2026-01-06": 80, "2026-01-05": 120.5}').days).toEqual([
      ['2026-01-05', 120.5],
      ['2026-01-06', 80],
    ])
    for (const v of [null, '', '{}', '  '])
      expect(parseDaily(v)).toEqual({ days: [], problem: null })
    expect(parseDaily('not json').problem).toMatch(/не JSON/)
    expect(parseDaily('[1, 2]').problem).toMatch(/не словарь/)
  })
})
