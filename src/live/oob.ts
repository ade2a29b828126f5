import type { Child } from 'hono/jsx'

// Render a fragment component for a push: the same component the page renders, marked to be
// swapped out-of-band into the element with its id ('true' = replace it; or e.g.
// 'afterbegin:#projects-rows').
export async function oob(node: Child, swap = 'true'): Promise<string> {
  const html = String(await (node as { toString(): string | Promise<string> }).toString())
  return html.replace(/^<([a-zA-Z0-9-]+)/, `<$1 hx-swap-oob="${swap}"`)
}
