// The outcome of a save against a version the user saw.
export type SaveResult<T> = { ok: true; row: T } | { ok: false; current: T }
