import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'acorn'
// @ts-expect-error doiuse ships types, but its package.json "exports" does not point to them
import doiuseUntyped from 'doiuse'
import postcss, { type Node, type PluginCreator } from 'postcss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ASSET_FILES, assetBody } from '../../src/lib/assets.ts'

// The oldest browsers the site computers and phones run: what every served asset must work in.
const BROWSERS = ['chrome 109', 'firefox 115', 'safari 13']

// ---- JavaScript: acorn parses every served script as ES2017 ----
// (acorn rather than es-check: es-check is a CLI around acorn; calling acorn directly gives the
// same verdict with the line and column, in-process.)

const PARSE = { sourceType: 'script', locations: true } as const

// Syntax after ES2017, found by walking the tree of a file parsed as the latest ECMAScript: it
// names what a script uses, where parsing as ES2017 stops at the first problem.
type AnyNode = { type: string; [key: string]: any }
const NEWER: [string, (n: AnyNode) => boolean][] = [
  ['?. (ES2020)', (n) => n.type === 'ChainExpression'],
  ['?? (ES2020)', (n) => n.type === 'LogicalExpression' && n.operator === '??'],
  [
    '&&= ||= ??= (ES2021)',
    (n) => n.type === 'AssignmentExpression' && /^(&&|\|\||\?\?)=$/.test(n.operator),
  ],
  [
    'object spread or rest (ES2018)',
    (n) =>
      /^Object(Expression|Pattern)$/.test(n.type) &&
      n.properties.some((p: AnyNode) => p.type !== 'Property'),
  ],
  ['catch without a binding (ES2019)', (n) => n.type === 'CatchClause' && !n.param],
  ['for await (ES2018)', (n) => n.type === 'ForOfStatement' && n.await],
  ['async generator (ES2018)', (n) => /Function/.test(n.type) && n.async && n.generator],
  [
    'class fields or blocks (ES2022)',
    (n) => /^(PropertyDefinition|PrivateIdentifier|StaticBlock)$/.test(n.type),
  ],
  ['BigInt (ES2020)', (n) => n.type === 'Literal' && n.bigint !== undefined],
  ['import() (ES2020)', (n) => n.type === 'ImportExpression'],
  [
    'numeric separator (ES2021)',
    (n) => n.type === 'Literal' && typeof n.value === 'number' && /_/.test(n.raw),
  ],
  [
    'regular expression after ES2017',
    (n) =>
      n.type === 'Literal' &&
      n.regex &&
      (/[sdv]/.test(n.regex.flags) || /\(\?<|\\[pP]\{/.test(n.regex.pattern)),
  ],
]

function newerSyntax(code: string): string[] {
  const found = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object' || !('type' in node)) return
    for (const [name, test] of NEWER) if (test(node as AnyNode)) found.add(name)
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') visit(value)
  }
  visit(parse(code, { ...PARSE, ecmaVersion: 'latest' }))
  return [...found].sort()
}

function es2017Problem(code: string): string | null {
  try {
    parse(code, { ...PARSE, ecmaVersion: 2017 })
    return null
  } catch (e) {
    return (e as Error).message
  }
}

// The vendored htmx 2.0.11 has two ES2020 operators (?. and ??) in its source; the app serves
// it lowered to ES2017 (src/lib/assets.ts assetBody), and that is what is checked here.
const scripts = Object.entries(ASSET_FILES).filter(([name]) => name.endsWith('.js'))

describe('JavaScript the app serves', () => {
  it('serves app.js and the vendored htmx scripts', () => {
    expect(scripts.map(([name]) => name)).toEqual(
      expect.arrayContaining(['app.js', 'htmx.min.js', 'ws.min.js']),
    )
  })

  it.each(scripts)('%s as served uses no syntax newer than ES2017', async (name, path) => {
    const code = Buffer.from((await assetBody(name))!.identity).toString('utf8')
    expect(newerSyntax(code), path).toEqual([])
    expect(es2017Problem(code), path).toBeNull()
  })

  it('the vendored htmx source itself is newer, which is why it is lowered', () => {
    const source = readFileSync(ASSET_FILES['htmx.min.js'], 'utf8')
    expect(newerSyntax(source).length).toBeGreaterThan(0)
  })

  it('catches syntax that an ES2017 browser cannot parse', () => {
    const cases: [string, string][] = [
      ['a?.b', '?. (ES2020)'],
      ['a ?? b', '?? (ES2020)'],
      ['a ||= b', '&&= ||= ??= (ES2021)'],
      ['x = { ...a }', 'object spread or rest (ES2018)'],
      ['try {} catch {}', 'catch without a binding (ES2019)'],
      ['async function f() { for await (const x of y); }', 'for await (ES2018)'],
      ['class A { #b = 1 }', 'class fields or blocks (ES2022)'],
      ['x = 10n', 'BigInt (ES2020)'],
      ['x = 1_000', 'numeric separator (ES2021)'],
      ['x = /(?<=a)b/', 'regular expression after ES2017'],
      ['x = /a.b/s', 'regular expression after ES2017'],
    ]
    for (const [code, feature] of cases) {
      expect(newerSyntax(code), code).toEqual([feature])
      expect(es2017Problem(code), code).not.toBeNull()
    }
    expect(newerSyntax('var f = async function () { await g(2 ** 3) }')).toEqual([])
  })
})

// ---- CSS: doiuse checks the built stylesheet against caniuse data for the same browsers ----
// (doiuse rather than lightningcss: lightningcss lowers what it can for given targets and
// silently keeps what it cannot, such as :has(), so it does not say what is unsupported.)

// Reported by doiuse but harmless: a font-family list skips names a browser does not know, and
// Tailwind's stacks go on to system-ui, sans-serif and named fonts. Safari 13 ignores @page
// (views/layout/print.css): it prints in the size the print dialog chooses, nothing breaks.
const HARMLESS = new Set(['extended-system-fonts', 'css-paged-media'])

// The part of doiuse's own types (types/lib/DoIUse.d.ts) used here.
interface FeatureUsage {
  feature: string
  featureData?: { missing?: string; partial?: string }
  usage: Node
}
const doiuse = doiuseUntyped as PluginCreator<{
  browsers: string[]
  onFeatureUsage: (u: FeatureUsage) => void
}>

// Features that at least one of the browsers lacks entirely. "Partial support" is not counted:
// in caniuse it marks sub-features (text-decoration-thickness, overflow: clip …), and doiuse
// reports it for plain `overflow: hidden`.
async function unsupportedCss(css: string): Promise<string[]> {
  const found: string[] = []
  await postcss([
    doiuse({
      browsers: BROWSERS,
      onFeatureUsage: ({ feature, featureData, usage }) => {
        if (HARMLESS.has(feature) || !featureData?.missing) return
        found.push(`${feature} (${featureData.missing}): ${usage.toString().slice(0, 120)}`)
      },
    }),
  ]).process(css, { from: undefined })
  return found
}

describe('CSS the app serves', () => {
  let dir: string
  let css: string
  beforeAll(() => {
    // Built afresh from the templates, with the same command as `npm run build:css`.
    dir = mkdtempSync(join(tmpdir(), 'strod-css-'))
    const out = join(dir, 'app.css')
    const cli = 'node_modules/tailwindcss/lib/cli.js'
    const args = ['-c', 'tailwind.config.cjs', '-i', 'views/layout/app.css', '-o', out, '--minify']
    execFileSync(process.execPath, [cli, ...args], { stdio: 'ignore' })
    css = readFileSync(out, 'utf8')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it(`uses nothing that ${BROWSERS.join(', ')} lack`, async () => {
    expect(css.length).toBeGreaterThan(5000)
    expect(await unsupportedCss(css)).toEqual([])
  })

  it('flags what those browsers cannot do', async () => {
    const cases: [string, string][] = [
      ['.a:has(.b) { color: red }', 'css-has'],
      ['.a { .b { color: red } }', 'css-nesting'],
      ['@layer base { .a { color: red } }', 'css-cascade-layers'],
      ['.a { color: oklch(60% 0.1 200) }', 'css-lch-lab'],
      ['.a:focus-visible { outline: 0 }', 'css-focus-visible'],
      ['.a { display: flex; gap: 1rem }', 'flexbox-gap'],
    ]
    for (const [source, feature] of cases) {
      const found = await unsupportedCss(source)
      expect(
        found.map((f) => f.split(' ')[0]),
        source,
      ).toContain(feature)
    }
    expect(
      await unsupportedCss('.a { display: grid; gap: 1rem; color: rgb(0 0 0 / 0.5) }'),
    ).toEqual([])
  })
})
