import { serve } from '@hono/node-server'
import { createServer, type RequestListener, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CHECK_MESSAGES,
  checkServer,
  classifyFetchError,
  describeCertificateError,
  type FetchLike,
} from '../../desktop/src/check-server.ts'
import { URL_MESSAGES } from '../../desktop/src/settings.ts'
import { healthRoutes } from '../../src/system/health.routes.ts'

// A throwaway self-signed certificate for localhost / 127.0.0.1 (valid until 2126), for tests only.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgoysweA1+WWD4VOAZ
CSl5P3dGRcTBdipzKagvWqHyujehRANCAASSo3N2/jO8dgpiB7vh2mLFoAOc4lGh
UiMpxbzltANd4DvOKyn8KYiD7snMJMsSfTUFSyPOMHUhAXOT09JGjinv
-----END PRIVATE KEY-----`
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUaAfI/BEDeQ6Cd7L4X2yms5xLNHkwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNjE0MTQ1MFoYDzIxMjYxMTAy
MTQxNDUwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASSo3N2/jO8dgpiB7vh2mLFoAOc4lGhUiMpxbzltANd4DvOKyn8KYiD
7snMJMsSfTUFSyPOMHUhAXOT09JGjinvo28wbTAdBgNVHQ4EFgQUNK7voF4b/y8C
hiXiea93Wtb3CgQwHwYDVR0jBBgwFoAUNK7voF4b/y8ChiXiea93Wtb3CgQwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDRwAwRAIgNZ7GnXVXDcf/VnIBvwIoCTG5pwrc5kpqTgrMfYAfkK0CIGGN
YRuToSY34vDY1oSBTL/I1QKs08jbiFS+/FuUwr0W
-----END CERTIFICATE-----`

const servers: Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function listen(server: Server): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

const serveWith = (handler: RequestListener) => listen(createServer(handler))
const answer =
  (status: number, body: string): RequestListener =>
  (_req, res) =>
    res.writeHead(status).end(body)

describe('checkServer against real servers', () => {
  it("accepts this app's own /healthz", async () => {
    const server = serve({
      fetch: healthRoutes.fetch,
      port: 0,
      hostname: '127.0.0.1',
    }) as unknown as Server
    servers.push(server)
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    expect(await checkServer(`http://127.0.0.1:${port}`, fetch)).toEqual({
      ok: true,
      server: `http://127.0.0.1:${port}`,
    })
  })

  it('accepts our server at an http:// intranet address with a port', async () => {
    const port = await serveWith((req, res) => res.end(req.url === '/healthz' ? 'ok' : 'nope'))
    expect(await checkServer(` http://127.0.0.1:${port}/projects?x=1 `, fetch)).toEqual({
      ok: true,
      server: `http://127.0.0.1:${port}`,
    })
  })

  it('remembers the server where a redirect landed', async () => {
    const target = await serveWith(answer(200, 'ok'))
    const port = await serveWith((_req, res) =>
      res.writeHead(301, { location: `http://localhost:${target}/healthz` }).end(),
    )
    expect(await checkServer(`http://127.0.0.1:${port}`, fetch)).toEqual({
      ok: true,
      server: `http://localhost:${target}`,
    })
  })

  it('says it is not our server when /healthz answers something else', async () => {
    for (const handler of [answer(200, '<html>Роутер</html>'), answer(404, 'Not Found')]) {
      const port = await serveWith(handler)
      expect(await checkServer(`http://127.0.0.1:${port}`, fetch)).toEqual({
        ok: false,
        message: CHECK_MESSAGES['not-our-server'],
      })
    }
  })

  it('passes on the status of a server error', async () => {
    const port = await serveWith(answer(502, 'Bad Gateway'))
    expect(await checkServer(`http://127.0.0.1:${port}`, fetch)).toEqual({
      ok: false,
      message: CHECK_MESSAGES['server-error'](502),
    })
  })

  it('says the server is unreachable when nothing listens', async () => {
    const port = await serveWith(answer(200, 'ok'))
    await new Promise((resolve) => servers.pop()!.close(resolve))
    expect(await checkServer(`http://127.0.0.1:${port}`, fetch)).toEqual({
      ok: false,
      message: CHECK_MESSAGES.unreachable,
    })
  })

  it('gives up after the timeout when the server never answers', async () => {
    const port = await serveWith(() => {})
    expect(await checkServer(`http://127.0.0.1:${port}`, fetch, 200)).toEqual({
      ok: false,
      message: CHECK_MESSAGES.timeout,
    })
  })

  it('suggests http:// when https:// reaches a plain HTTP server', async () => {
    const port = await serveWith(answer(200, 'ok'))
    expect(await checkServer(`127.0.0.1:${port}`, fetch)).toEqual({
      ok: false,
      message: CHECK_MESSAGES['no-https'],
    })
  })

  it('refuses a certificate the system does not trust', async () => {
    const port = await listen(
      createHttpsServer({ key: TEST_KEY, cert: TEST_CERT }, answer(200, 'ok')),
    )
    expect(await checkServer(`https://localhost:${port}`, fetch)).toEqual({
      ok: false,
      message: CHECK_MESSAGES.certificate,
    })
  })

  it('does not fetch an invalid address', async () => {
    const calls: string[] = []
    const recording: FetchLike = async (url) => {
      calls.push(url)
      return { status: 200, url, text: async () => 'ok' }
    }
    expect(await checkServer('ftp://strod.example.ru', recording)).toEqual({
      ok: false,
      message: URL_MESSAGES.scheme,
    })
    expect(calls).toEqual([])
  })
})

describe('classifyFetchError', () => {
  const chromium = (code: string) => new Error(`net::${code}`)
  const node = (code: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })

  it('reads Chromium network errors (Electron net.fetch)', () => {
    expect(classifyFetchError(chromium('ERR_CERT_AUTHORITY_INVALID'))).toBe('certificate')
    expect(classifyFetchError(chromium('ERR_CERT_DATE_INVALID'))).toBe('certificate')
    expect(classifyFetchError(chromium('ERR_CERT_COMMON_NAME_INVALID'))).toBe('certificate')
    expect(classifyFetchError(chromium('ERR_SSL_PROTOCOL_ERROR'))).toBe('no-https')
    expect(classifyFetchError(chromium('ERR_NAME_NOT_RESOLVED'))).toBe('not-found')
    expect(classifyFetchError(chromium('ERR_CONNECTION_TIMED_OUT'))).toBe('timeout')
    expect(classifyFetchError(chromium('ERR_CONNECTION_REFUSED'))).toBe('unreachable')
    expect(classifyFetchError(chromium('ERR_INTERNET_DISCONNECTED'))).toBe('unreachable')
    expect(classifyFetchError('ERR_ADDRESS_UNREACHABLE')).toBe('unreachable')
  })

  it('reads Node fetch errors and an aborted request', () => {
    expect(classifyFetchError(node('CERT_HAS_EXPIRED'))).toBe('certificate')
    expect(classifyFetchError(node('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('certificate')
    expect(classifyFetchError(node('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toBe('certificate')
    expect(classifyFetchError(node('ENOTFOUND'))).toBe('not-found')
    expect(classifyFetchError(node('ECONNREFUSED'))).toBe('unreachable')
    expect(classifyFetchError(new DOMException('signal timed out', 'TimeoutError'))).toBe('timeout')
  })

  it('has a Russian message for every failure', () => {
    for (const failure of [
      'timeout',
      'certificate',
      'no-https',
      'not-found',
      'unreachable',
    ] as const)
      expect(CHECK_MESSAGES[failure]).toMatch(/[а-яё]/i)
  })
})

describe('describeCertificateError', () => {
  it('explains Chromium certificate errors in Russian', () => {
    expect(describeCertificateError('net::ERR_CERT_DATE_INVALID')).toMatch(/срок действия/)
    expect(describeCertificateError('net::ERR_CERT_COMMON_NAME_INVALID')).toMatch(/другое имя/)
    expect(describeCertificateError('net::ERR_CERT_AUTHORITY_INVALID')).toMatch(/недоверенным/)
    expect(describeCertificateError('net::ERR_CERT_REVOKED')).toMatch(/отозван/)
    expect(describeCertificateError('net::ERR_CERT_WEAK_KEY')).toBe(
      'сертификат сервера недействителен',
    )
  })
})
