import type { CurrentUser } from '../auth/current-user.ts'
import type { Db } from '../db/connect.ts'

// Who may watch a stream named '<prefix>:<arg>' (arg is '' for a list stream like 'projects').
export interface StreamAccess {
  authorize(db: Db, user: CurrentUser, arg: string): Promise<boolean>
  presence?: boolean // record pages show who else is looking
}

// How a change becomes HTML for subscribers. load() runs once per change; render() once per
// permission variant among the subscribers the audience() admits.
export interface LiveFragment<C = any> {
  load(db: Db, id: string): Promise<C | null>
  audience(db: Db, ctx: C, users: CurrentUser[]): Promise<Set<number>>
  variant(user: CurrentUser, ctx: C): string
  render(user: CurrentUser, ctx: C): string | Promise<string>
}

export class LiveRegistry {
  readonly streams = new Map<string, StreamAccess>()
  readonly fragments = new Map<string, LiveFragment>()

  stream(prefix: string, access: StreamAccess) {
    this.streams.set(prefix, access)
    return this
  }

  fragment<C>(kind: string, f: LiveFragment<C>) {
    this.fragments.set(kind, f)
    return this
  }

  access(stream: string) {
    const [prefix, arg = ''] = splitStream(stream)
    const a = this.streams.get(prefix)
    return a ? { access: a, arg } : null
  }
}

export const splitStream = (stream: string): [string, string] => {
  const i = stream.indexOf(':')
  return i < 0 ? [stream, ''] : [stream.slice(0, i), stream.slice(i + 1)]
}

// Everyone subscribed was authorized at subscription: for stream-scoped fragments that is enough.
export const everySubscriber = async <C>(_db: Db, _ctx: C, users: CurrentUser[]) =>
  new Set(users.map((u) => u.id))
