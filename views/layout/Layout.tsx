import type { Child } from 'hono/jsx'
import type { CurrentUser } from '../../src/auth/current-user.ts'
import { assetUrl } from '../../src/lib/assets.ts'
import { Nav } from './Nav.tsx'
import { LiveStatus } from '../live/LiveStatus.tsx'

// htmx 2 does not swap 4xx answers by default; our 422 (form errors), 409 (conflict),
// 403 and 404 answers are whole pages or fragments meant to be shown.
const htmxConfig = JSON.stringify({
  responseHandling: [
    { code: '204', swap: false },
    { code: '[2345]..', swap: true },
  ],
  historyCacheSize: 0,
  scrollIntoViewOnBoost: false,
})

export function Layout(props: {
  title: string
  user: CurrentUser | null
  flash: string | null
  streams?: string[] // signed stream tokens this page watches live
  children: Child
}) {
  const live = !!props.user && !!props.streams?.length
  return (
    <html lang="ru">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={htmxConfig} />
        <title>{props.title} — Строд-Сервис</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        <script src={assetUrl('htmx.min.js')} defer></script>
        <script src={assetUrl('ws.min.js')} defer></script>
        <script src={assetUrl('app.js')} defer></script>
      </head>
      <body class="min-h-screen bg-slate-50 text-slate-900" hx-boost="true">
        <a href="#main" class="skip-link no-print">
          Перейти к содержанию
        </a>
        {props.user && <Nav user={props.user} />}
        <main
          id="main"
          tabindex={-1}
          class="mx-auto max-w-7xl px-3 py-4 sm:px-6"
          hx-ext={live ? 'ws' : undefined}
          ws-connect={
            live
              ? `/ws?${props.streams!.map((s) => `s=${encodeURIComponent(s)}`).join('&')}`
              : undefined
          }
        >
          {live && <LiveStatus />}
          {props.flash && (
            <div
              id="flash"
              role="status"
              class="no-print mb-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900"
            >
              {props.flash}
            </div>
          )}
          {props.children}
        </main>
      </body>
    </html>
  )
}
