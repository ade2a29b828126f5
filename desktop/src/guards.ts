// What every page may do: stay on the server's origin, send other web links to the system
// browser, ask for almost no permissions, and never get past a bad certificate.
import {
  app,
  BrowserWindow,
  dialog,
  session,
  shell,
  type Certificate,
  type MessageBoxOptions,
  type WebContents,
} from 'electron'
import { describeCertificateError } from './check-server.js'
import { isExternalLink, isSameOrigin } from './settings.js'
import { secureWebPreferences } from './windows.js'

export interface GuardContext {
  server(): string | null
  isSetupPage(contents: WebContents): boolean
  changeServer(): void
}

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen'])

export function installGuards(ctx: GuardContext): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    // other kinds (the PDF viewer's frames, for one) are Chromium's own pages
    if (contents.getType() !== 'window') return
    contents.on('will-navigate', (event) => guard(ctx, contents, event, event.url))
    contents.on('will-redirect', (event) => {
      if (event.isMainFrame) guard(ctx, contents, event, event.url)
    })
    contents.setWindowOpenHandler(({ url }) => {
      if (allowed(ctx, contents, url))
        // same-origin target=_blank (photos, PDF acts): a window of ours, keeping the session
        return {
          action: 'allow',
          overrideBrowserWindowOptions: { webPreferences: secureWebPreferences() },
        }
      openOutside(ctx, url)
      return { action: 'deny' }
    })
  })

  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const server = ctx.server()
    callback(
      ALLOWED_PERMISSIONS.has(permission) &&
        !!server &&
        isSameOrigin(details.requestingUrl, server),
    )
  })

  app.on('certificate-error', (event, contents, url, error, certificate, callback) => {
    event.preventDefault()
    callback(false) // refused, always: a certificate the system rejects is never trusted here
    void warnAboutCertificate(ctx, contents, url, error, certificate)
  })
}

function allowed(ctx: GuardContext, contents: WebContents, url: string): boolean {
  const server = ctx.server()
  return !!server && !ctx.isSetupPage(contents) && isSameOrigin(url, server)
}

function guard(
  ctx: GuardContext,
  contents: WebContents,
  event: { preventDefault(): void },
  url: string,
): void {
  if (allowed(ctx, contents, url)) return
  event.preventDefault()
  openOutside(ctx, url)
}

function openOutside(ctx: GuardContext, url: string): void {
  const server = ctx.server()
  if (server && isExternalLink(url, server)) void shell.openExternal(url).catch(() => {})
}

const warningsOpen = new Set<string>()

async function warnAboutCertificate(
  ctx: GuardContext,
  contents: WebContents,
  url: string,
  error: string,
  certificate: Certificate,
): Promise<void> {
  const origin = new URL(url).origin
  const key = `${origin} ${error}`
  if (warningsOpen.has(key)) return // one dialog per problem, not one per blocked request
  warningsOpen.add(key)
  const expiry = new Date(certificate.validExpiry * 1000).toLocaleDateString('ru-RU')
  const options: MessageBoxOptions = {
    type: 'error',
    title: 'Небезопасное соединение',
    message: 'Сертификат сервера не прошёл проверку. Соединение отклонено.',
    detail: [
      `Адрес: ${origin}`,
      `Причина: ${describeCertificateError(error)} (${error}).`,
      `Сертификат выдан для «${certificate.subjectName}» центром «${certificate.issuerName}», ` +
        `действует до ${expiry}.`,
      '',
      'Приложение не открывает сервер с недействительным сертификатом, чтобы пароли и данные ' +
        'не попали к посторонним. Сообщите об этом администратору сервера. Если адрес указан ' +
        'неверно, смените его.',
    ].join('\n'),
    buttons: ['Сменить адрес сервера…', 'Закрыть'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
  try {
    const window = BrowserWindow.fromWebContents(contents)
    const { response } = window
      ? await dialog.showMessageBox(window, options)
      : await dialog.showMessageBox(options)
    if (response === 0) ctx.changeServer()
  } finally {
    warningsOpen.delete(key)
  }
}
