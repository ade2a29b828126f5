// The desktop app kept users.permissions as Python's repr() of a dict — {'read': True,
// 'docs': ['a', 'b']} — not JSON. This reads that literal syntax (dicts, lists, tuples, sets,
// strings, numbers, True/False/None) and nothing else: no names, calls or expressions, so the
// text is never evaluated.

export class ReprError extends Error {}

export type PyValue = null | boolean | number | string | PyValue[] | { [key: string]: PyValue }

export function parsePythonRepr(text: string): PyValue {
  const p = new Reader(text)
  const value = p.value()
  p.space()
  if (!p.done()) p.fail('лишний текст после значения')
  return value
}

// The permissions dict: {} for NULL, '' and '{}'; null when the text is not a dict literal.
export function parsePermissions(raw: unknown): Record<string, PyValue> | null {
  if (raw == null || (typeof raw === 'string' && !raw.trim())) return {}
  if (typeof raw !== 'string') return null
  try {
    const v = parsePythonRepr(raw)
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null
  } catch {
    return null
  }
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
}
const CLOSERS: Record<string, string> = { '[': ']', '(': ')', '{': '}' }

class Reader {
  private i = 0
  constructor(private s: string) {}

  done = () => this.i >= this.s.length
  fail(why: string): never {
    throw new ReprError(`Python repr: ${why} (позиция ${this.i})`)
  }
  space() {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++
  }
  private eat(ch: string) {
    this.space()
    if (this.s[this.i] !== ch) return false
    this.i++
    return true
  }

  value(): PyValue {
    this.space()
    const ch = this.s[this.i]
    if (ch === "'" || ch === '"') return this.string(ch)
    if (ch === '{') return this.dict()
    if (ch === '[' || ch === '(') return this.sequence(ch)
    if (ch !== undefined && /[-+\d.]/.test(ch)) return this.number()
    for (const [word, v] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const)
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length
        return v
      }
    return this.fail(ch === undefined ? 'неожиданный конец' : `неожиданный символ «${ch}»`)
  }

  private string(quote: string): string {
    this.i++
    let out = ''
    while (this.i < this.s.length) {
      const ch = this.s[this.i++]
      if (ch === quote) return out
      if (ch !== '\\') {
        out += ch
        continue
      }
      const e = this.s[this.i++]
      if (e === 'x' || e === 'u') {
        const len = e === 'x' ? 2 : 4
        const hex = this.s.slice(this.i, this.i + len)
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex))
          this.fail('неверная escape-последовательность')
        out += String.fromCharCode(parseInt(hex, 16))
        this.i += len
      } else out += ESCAPES[e] ?? `\\${e}`
    }
    return this.fail('незакрытая строка')
  }

  private number(): number {
    const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.s.slice(this.i))
    if (!m) this.fail('неверное число')
    this.i += m[0].length
    return Number(m[0])
  }

  private sequence(open: string): PyValue[] {
    this.i++
    const out: PyValue[] = []
    const close = CLOSERS[open]
    for (;;) {
      if (this.eat(close)) return out
      out.push(this.value())
      if (this.eat(',')) continue
      if (this.eat(close)) return out
      this.fail(`ожидалась «,» или «${close}»`)
    }
  }

  // A dict, or a set literal ({'a', 'b'}) read as a list.
  private dict(): { [key: string]: PyValue } | PyValue[] {
    this.i++
    const out: { [key: string]: PyValue } = {}
    const set: PyValue[] = []
    for (;;) {
      if (this.eat('}')) break
      const key = this.value()
      if (this.eat(':')) out[String(key)] = this.value()
      else set.push(key)
      if (this.eat(',')) continue
      if (this.eat('}')) break
      this.fail('ожидалась «,» или «}»')
    }
    if (set.length && Object.keys(out).length) this.fail('смешаны словарь и множество')
    return set.length ? set : out
  }
}
