// Pure logic of the desktop shell: the server address rules and the settings file.
// No Electron import here, so the app's test suite can run it under plain Node.
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'

export type Normalized = { ok: true; url: string } | { ok: false; message: string }

export const URL_MESSAGES = {
  empty: 'Введите адрес сервера, например https://strod.example.ru',
  invalid: 'Неверный адрес сервера. Пример: https://strod.example.ru или http://192.168.1.10:3000',
  scheme: 'Поддерживаются только адреса, начинающиеся с http:// или https://',
  credentials: 'Адрес не должен содержать имя пользователя и пароль',
} as const

const WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i
// "mailto:x", "javascript:…", "file:C:/…" — but not "localhost:3000" (a host and a port)
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i

/** The server's origin (scheme, lowercased host, port) from whatever the user typed. */
export function normalizeServerUrl(input: string): Normalized {
  const text = input.trim()
  if (!text) return { ok: false, message: URL_MESSAGES.empty }
  if (!WITH_SCHEME.test(text) && OTHER_SCHEME.test(text))
    return { ok: false, message: URL_MESSAGES.scheme }
  let url: URL
  try {
    url = new URL(WITH_SCHEME.test(text) ? text : `https://${text}`)
  } catch {
    return { ok: false, message: URL_MESSAGES.invalid }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: URL_MESSAGES.scheme }
  if (!url.hostname) return { ok: false, message: URL_MESSAGES.invalid }
  if (url.username || url.password) return { ok: false, message: URL_MESSAGES.credentials }
  return { ok: true, url: url.origin }
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

export function isSameOrigin(url: string, server: string): boolean {
  const origin = originOf(url)
  return origin !== null && origin === originOf(server)
}

/** A web link that leaves the server: it belongs in the system browser. */
export function isExternalLink(url: string, server: string): boolean {
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    return false
  }
  return (protocol === 'http:' || protocol === 'https:') && !isSameOrigin(url, server)
}

export function healthUrl(server: string): string {
  return new URL('/healthz', server).href
}

export type Health =
  | { ok: true }
  | { ok: false; problem: 'server-error' | 'not-our-server'; status: number }

/** Our /healthz answers 200 "ok"; a JSON {"status":"ok"} or {"ok":true} is accepted too. */
export function parseHealth(status: number, body: string): Health {
  if (status >= 500) return { ok: false, problem: 'server-error', status }
  if (status === 200 && healthyBody(body.trim())) return { ok: true }
  return { ok: false, problem: 'not-our-server', status }
}

function healthyBody(body: string): boolean {
  if (body.toLowerCase() === 'ok') return true
  try {
    const data: unknown = JSON.parse(body)
    if (typeof data !== 'object' || data === null) return false
    const { ok, status } = data as { ok?: unknown; status?: unknown }
    return ok === true || (typeof status === 'string' && status.toLowerCase() === 'ok')
  } catch {
    return false
  }
}

export type Settings = { server: string | null }

export const DEFAULT_SETTINGS: Readonly<Settings> = { server: null }

/** A missing, unreadable or corrupt file (or a bad address in it) means "not set up yet". */
export async function readSettings(file: string): Promise<Settings> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return { ...DEFAULT_SETTINGS }
  }
  const server = typeof data === 'object' && data !== null && (data as Settings).server
  if (typeof server !== 'string') return { ...DEFAULT_SETTINGS }
  const normalized = normalizeServerUrl(server)
  return { server: normalized.ok ? normalized.url : null }
}

/** Written to a temporary file first and renamed over, so a crash never leaves half a file. */
export async function writeSettings(file: string, settings: Settings): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${randomUUID()}.tmp`
  try {
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(JSON.stringify(settings, null, 2) + '\n', 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
