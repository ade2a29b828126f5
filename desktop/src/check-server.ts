// Checks an address before the shell remembers it: GET <server>/healthz with a timeout.
// The fetch function is passed in: Electron's net.fetch in the app (Chromium's network stack,
// the same certificates and proxy as the window), Node's fetch in the tests.
import { healthUrl, normalizeServerUrl, parseHealth } from './settings.js'

export type CheckResult = { ok: true; server: string } | { ok: false; message: string }

export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; redirect: 'follow' },
) => Promise<{ status: number; url: string; text(): Promise<string> }>

export type FetchFailure = 'timeout' | 'certificate' | 'no-https' | 'not-found' | 'unreachable'

export const CHECK_MESSAGES = {
  timeout: 'Сервер не ответил вовремя. Проверьте адрес и подключение к сети.',
  certificate:
    'Сертификат безопасности сервера не прошёл проверку (просрочен, выдан на другое имя или не ' +
    'доверен этим компьютером). Соединение отклонено. Обратитесь к администратору сервера.',
  'no-https':
    'Сервер не отвечает по HTTPS. Если это адрес в локальной сети, укажите его с http://, ' +
    'например http://192.168.1.10:3000',
  'not-found': 'Сервер с таким именем не найден. Проверьте адрес.',
  unreachable:
    'Не удалось подключиться к серверу. Проверьте адрес, подключение к сети и что сервер запущен.',
  'not-our-server': 'По этому адресу отвечает не сервер «Строд-Сервис». Проверьте адрес.',
  'server-error': (status: number) =>
    `Сервер ответил ошибкой (код ${status}). Возможно, он перезапускается — попробуйте через минуту.`,
} as const

// Chromium reports "net::ERR_…" in the message; Node puts OpenSSL and socket codes in `cause`.
const FAILURE_PATTERNS: [FetchFailure, RegExp][] = [
  ['timeout', /TimeoutError|AbortError|TIMED_OUT|ETIMEDOUT/i],
  ['no-https', /ERR_SSL_PROTOCOL_ERROR|WRONG_VERSION_NUMBER|ERR_SSL_VERSION|EPROTO/i],
  ['certificate', /ERR_CERT_|CERT_|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME/i],
  ['not-found', /ERR_NAME_NOT_RESOLVED|ENOTFOUND|EAI_AGAIN/i],
]

export function classifyFetchError(error: unknown): FetchFailure {
  const text = describe(error)
  return FAILURE_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'unreachable'
}

function describe(error: unknown, depth = 0): string {
  if (typeof error !== 'object' || error === null || depth > 3) return String(error)
  const { name, message, code, cause } = error as Record<string, unknown>
  return [name, message, code, cause === undefined ? '' : describe(cause, depth + 1)].join(' ')
}

export async function checkServer(
  input: string,
  fetchFn: FetchLike,
  timeoutMs = 10_000,
): Promise<CheckResult> {
  const normalized = normalizeServerUrl(input)
  if (!normalized.ok) return normalized
  let status: number, body: string, finalUrl: string
  try {
    const signal = AbortSignal.timeout(timeoutMs)
    const response = await fetchFn(healthUrl(normalized.url), { signal, redirect: 'follow' })
    status = response.status
    finalUrl = response.url || normalized.url
    body = await response.text()
  } catch (error) {
    return { ok: false, message: CHECK_MESSAGES[classifyFetchError(error)] }
  }
  const health = parseHealth(status, body)
  if (health.ok) {
    // A server that redirects (http → https, old name → new) is remembered by where it landed.
    const landed = normalizeServerUrl(finalUrl)
    return { ok: true, server: landed.ok ? landed.url : normalized.url }
  }
  if (health.problem === 'server-error')
    return { ok: false, message: CHECK_MESSAGES['server-error'](health.status) }
  return { ok: false, message: CHECK_MESSAGES['not-our-server'] }
}

const CERTIFICATE_PROBLEMS: [RegExp, string][] = [
  [/DATE_INVALID|EXPIRED|NOT_YET_VALID/i, 'срок действия сертификата истёк или ещё не начался'],
  [/COMMON_NAME_INVALID|ALTNAME/i, 'сертификат выдан на другое имя сервера'],
  [/AUTHORITY_INVALID|SELF_SIGNED|UNABLE_TO_GET_ISSUER/i, 'сертификат выдан недоверенным центром'],
  [/REVOKED/i, 'сертификат отозван'],
]

/** A Russian explanation of a Chromium certificate error code such as net::ERR_CERT_DATE_INVALID. */
export function describeCertificateError(code: string): string {
  return (
    CERTIFICATE_PROBLEMS.find(([pattern]) => pattern.test(code))?.[1] ??
    'сертификат сервера недействителен'
  )
}
