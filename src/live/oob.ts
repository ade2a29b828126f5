import type { Child } from 'hono/jsx'

// Render a fragment component for a push: the same component the page renders, marked to be
// swapped out-of-band into the element with its id ('true' = replace it; or e.g.
// 'afterbegin:#projects-rows').
export async function oob(node: Child, swap = 'true'): Promise<string> {
  const html = String(await (node as { toString(): string | Promise<string> }).toString())
  return html.replace(/^<([a-zA-Z0-9-]+)/, `<$1 hx-swap-oob="${swap}"`)
}

// For regions a hub cannot render (sums that depend on each page's own filters): the page's
// app.js reloads every element matching `targets` from its own data-resync URL.
let notices = 0
export const refreshNotice = (targets: string) =>
  `<div id="live-refresh" hidden hx-swap-oob="true" data-targets="${targets}" data-at="${Date.now()}-${++notices}"></div>`
