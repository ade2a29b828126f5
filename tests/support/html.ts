// Reading rendered pages in HTTP tests.

// The empty-state card of a list (views/components/ListStates.tsx), cut out by counting <div>s,
// so a create button elsewhere on the page (the header's) cannot satisfy an assertion.
export function emptyCard(html: string, kind: 'none' | 'filtered' = 'none') {
  const at = html.indexOf(`data-empty="${kind}"`)
  if (at < 0) return null
  const start = html.lastIndexOf('<div', at)
  const tags = /<div\b|<\/div>/g
  tags.lastIndex = start
  let depth = 0
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[0] === '</div>' ? -1 : 1
    if (depth === 0) return html.slice(start, m.index + 6)
  }
  return null
}
