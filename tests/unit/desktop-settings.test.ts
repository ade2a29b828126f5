import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  healthUrl,
  isExternalLink,
  isSameOrigin,
  normalizeServerUrl,
  parseHealth,
  readSettings,
  URL_MESSAGES,
  writeSettings,
} from '../../desktop/src/settings.ts'

const url = (input: string) => normalizeServerUrl(input)

describe('normalizeServerUrl', () => {
  it('adds https:// when the scheme is missing and trims spaces', () => {
    expect(url('  strod.example.ru  ')).toEqual({ ok: true, url: 'https://strod.example.ru' })
    expect(url('localhost:3000')).toEqual({ ok: true, url: 'https://localhost:3000' })
    expect(url('192.168.1.10:8443')).toEqual({ ok: true, url: 'https://192.168.1.10:8443' })
  })

  it('keeps an http:// intranet address with its port', () => {
    expect(url('http://192.168.1.10:3000')).toEqual({ ok: true, url: 'http://192.168.1.10:3000' })
    expect(url('http://strod-srv:3000/')).toEqual({ ok: true, url: 'http://strod-srv:3000' })
  })

  it('drops paths, queries and fragments', () => {
    expect(url('https://strod.example.ru/projects/12?page=2#top')).toEqual({
      ok: true,
      url: 'https://strod.example.ru',
    })
    expect(url('strod.example.ru/login')).toEqual({ ok: true, url: 'https://strod.example.ru' })
  })

  it('lowercases the host and the scheme, and drops a default port', () => {
    expect(url('HTTPS://Strod.Example.RU:443/')).toEqual({
      ok: true,
      url: 'https://strod.example.ru',
    })
    expect(url('http://STROD-SRV:80')).toEqual({ ok: true, url: 'http://strod-srv' })
  })

  it('accepts an IPv6 address with a port', () => {
    expect(url('http://[::1]:3000')).toEqual({ ok: true, url: 'http://[::1]:3000' })
  })

  it('rejects an empty address', () => {
    expect(url('')).toEqual({ ok: false, message: URL_MESSAGES.empty })
    expect(url('   ')).toEqual({ ok: false, message: URL_MESSAGES.empty })
  })

  it('rejects schemes other than http and https', () => {
    for (const input of [
      'ftp://strod.example.ru',
      'file:///C:/strod/index.html',
      'javascript:alert(1)',
      'mailto:pto@strod.example.ru',
      'ws://strod.example.ru',
    ])
      expect(url(input), input).toEqual({ ok: false, message: URL_MESSAGES.scheme })
  })

  it('rejects an empty or malformed host', () => {
    for (const input of ['https://', 'http://:3000', 'https://strod example', 'strod:99999'])
      expect(url(input), input).toEqual({ ok: false, message: URL_MESSAGES.invalid })
  })

  it('rejects a user name or password in the address', () => {
    expect(url('https://admin:secret@strod.example.ru')).toEqual({
      ok: false,
      message: URL_MESSAGES.credentials,
    })
  })
})

describe('isSameOrigin and isExternalLink', () => {
  const server = 'http://192.168.1.10:3000'

  it('treats any path on the server as the same origin', () => {
    expect(isSameOrigin('http://192.168.1.10:3000/remarks/5?tab=photos', server)).toBe(true)
    expect(isSameOrigin('http://192.168.1.10:3000', server)).toBe(true)
  })

  it('treats another port, scheme or host as another origin', () => {
    expect(isSameOrigin('http://192.168.1.10:3001/', server)).toBe(false)
    expect(isSameOrigin('https://192.168.1.10:3000/', server)).toBe(false)
    expect(isSameOrigin('http://192.168.1.11:3000/', server)).toBe(false)
    expect(isSameOrigin('https://api.strod.example.ru/', 'https://strod.example.ru')).toBe(false)
  })

  it('never matches unparsable or opaque addresses', () => {
    expect(isSameOrigin('not a url', server)).toBe(false)
    expect(isSameOrigin('about:blank', 'about:blank')).toBe(false)
    expect(isSameOrigin('data:text/html,hi', 'data:text/html,hi')).toBe(false)
  })

  it('sends only web links to other origins to the system browser', () => {
    expect(isExternalLink('https://gost.ru/document/51256', server)).toBe(true)
    expect(isExternalLink('http://192.168.1.10:3001/', server)).toBe(true)
    expect(isExternalLink('http://192.168.1.10:3000/documents', server)).toBe(false)
    expect(isExternalLink('mailto:pto@strod.example.ru', server)).toBe(false)
    expect(isExternalLink('file:///C:/Windows/system32/calc.exe', server)).toBe(false)
    expect(isExternalLink('javascript:alert(1)', server)).toBe(false)
    expect(isExternalLink('not a url', server)).toBe(false)
  })
})

describe('healthUrl and parseHealth', () => {
  it('points at /healthz on the server', () => {
    expect(healthUrl('http://192.168.1.10:3000')).toBe('http://192.168.1.10:3000/healthz')
    expect(healthUrl('https://strod.example.ru')).toBe('https://strod.example.ru/healthz')
  })

  it('accepts our plain "ok" and a JSON status', () => {
    expect(parseHealth(200, 'ok')).toEqual({ ok: true })
    expect(parseHealth(200, 'OK\n')).toEqual({ ok: true })
    expect(parseHealth(200, '{"status":"ok"}')).toEqual({ ok: true })
    expect(parseHealth(200, '{"ok":true,"version":"0.1.0"}')).toEqual({ ok: true })
  })

  it('calls anything else at 200 or 4xx not our server', () => {
    const notOurs = (status: number) => ({ ok: false, problem: 'not-our-server', status })
    expect(parseHealth(200, '<!doctype html><title>Router</title>')).toEqual(notOurs(200))
    expect(parseHealth(200, '{"status":"down"}')).toEqual(notOurs(200))
    expect(parseHealth(200, 'null')).toEqual(notOurs(200))
    expect(parseHealth(200, '')).toEqual(notOurs(200))
    expect(parseHealth(404, 'ok')).toEqual(notOurs(404))
    expect(parseHealth(302, '')).toEqual(notOurs(302))
  })

  it('reports a 5xx as a server error', () => {
    expect(parseHealth(503, 'ok')).toEqual({ ok: false, problem: 'server-error', status: 503 })
    expect(parseHealth(502, '<html>Bad Gateway</html>')).toEqual({
      ok: false,
      problem: 'server-error',
      status: 502,
    })
  })
})

describe('the settings file', () => {
  let dir: string
  let file: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strod-desktop-'))
    file = join(dir, 'settings.json')
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('falls back to defaults when the file is missing', async () => {
    expect(await readSettings(file)).toEqual(DEFAULT_SETTINGS)
  })

  it('falls back to defaults when the file is corrupt', async () => {
    for (const text of ['{"server": "https://strod.exa', '', '\u0000\u0001', 'null', '[1]', '42']) {
      await writeFile(file, text)
      expect(await readSettings(file), JSON.stringify(text)).toEqual(DEFAULT_SETTINGS)
    }
  })

  it('ignores a server that is not a valid address', async () => {
    await writeFile(file, JSON.stringify({ server: 'ftp://strod.example.ru' }))
    expect(await readSettings(file)).toEqual({ server: null })
    await writeFile(file, JSON.stringify({ server: 42 }))
    expect(await readSettings(file)).toEqual({ server: null })
  })

  it('reads a saved address normalized', async () => {
    await writeFile(file, JSON.stringify({ server: ' HTTP://Strod-Srv:3000/projects ' }))
    expect(await readSettings(file)).toEqual({ server: 'http://strod-srv:3000' })
  })

  it('writes and reads back, creating the folder, leaving no temporary file', async () => {
    const nested = join(dir, 'Строд-Сервис', 'settings.json')
    await writeSettings(nested, { server: 'http://192.168.1.10:3000' })
    expect(await readSettings(nested)).toEqual({ server: 'http://192.168.1.10:3000' })
    expect(JSON.parse(await readFile(nested, 'utf8'))).toEqual({
      server: 'http://192.168.1.10:3000',
    })
    expect(await readdir(join(dir, 'Строд-Сервис'))).toEqual(['settings.json'])
  })

  it('replaces the previous file whole', async () => {
    await writeFile(
      file,
      '{"server": "https://old.example.ru", "junk": "' + 'x'.repeat(5000) + '"}',
    )
    await writeSettings(file, { server: 'https://strod.example.ru' })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ server: 'https://strod.example.ru' })
  })

  it('leaves a valid file after concurrent writes', async () => {
    const servers = Array.from({ length: 10 }, (_, i) => `http://192.168.1.${i + 1}:3000`)
    await Promise.all(servers.map((server) => writeSettings(file, { server })))
    const { server } = await readSettings(file)
    expect(servers).toContain(server)
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('fails without leaving a temporary file when the target cannot be replaced', async () => {
    await mkdir(file)
    await writeFile(join(file, 'keep.txt'), 'a folder stands where the file should be')
    await expect(writeSettings(file, { server: 'https://strod.example.ru' })).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['settings.json'])
  })
})
