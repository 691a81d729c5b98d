// Resolves every subpath through the package.json exports map for each
// runtime's condition set, without running the runtime, and checks which
// build and which declarations it reaches.
import { describe, expect, it } from 'vitest'
import { distFile } from './dist.js'
import { codeSubpaths, readManifest } from './pack.js'

type Build = 'node' | 'web'

/** One environment: the exports conditions it sets and the build it must load. */
interface Environment {
  readonly label: string
  readonly conditions: readonly string[]
  readonly build: Build
}

/**
 * Condition sets of real environments, and each routing condition on its own.
 * Deno sets "deno" and "node", and Bun sets "bun" and "node". Wrangler
 * bundles Workers with "workerd", "worker" and "browser", and Vercel's edge
 * builds use "edge-light", "browser" and "module". Each case adds "import"
 * or "require", and "default" always matches.
 */
const environments: readonly Environment[] = [
  { label: 'Node.js', conditions: ['node'], build: 'node' },
  { label: 'Bun', conditions: ['bun', 'node'], build: 'node' },
  { label: 'Deno', conditions: ['deno', 'node'], build: 'node' },
  { label: 'bun alone', conditions: ['bun'], build: 'node' },
  { label: 'deno alone', conditions: ['deno'], build: 'node' },
  { label: 'browser', conditions: ['browser'], build: 'web' },
  { label: 'worker', conditions: ['worker'], build: 'web' },
  { label: 'workerd alone', conditions: ['workerd'], build: 'web' },
  { label: 'wrangler', conditions: ['workerd', 'worker', 'browser'], build: 'web' },
  { label: 'edge-light alone', conditions: ['edge-light'], build: 'web' },
  { label: 'Vercel Edge', conditions: ['edge-light', 'browser', 'module'], build: 'web' },
  // The web keys come first in the map, so a tool that sets a web condition
  // next to a server runtime's conditions still gets dist/web.
  { label: 'browser on Bun', conditions: ['browser', 'bun', 'node'], build: 'web' },
  { label: 'no condition', conditions: [], build: 'web' },
]

const moduleSystems = ['import', 'require'] as const
type ModuleSystem = (typeof moduleSystems)[number]

/**
 * Resolves a conditional exports target as Node.js does: object keys are
 * tried in their written order, and the first key that is "default" or an
 * active condition and whose value resolves wins.
 *
 * @throws Error for array targets and subpath patterns, which this package does not use.
 */
function resolveTarget(target: unknown, conditions: ReadonlySet<string>): string | undefined {
  if (typeof target === 'string') {
    if (target.includes('*')) throw new Error(`subpath patterns are not supported: ${target}`)
    return target
  }
  if (Array.isArray(target)) throw new Error('array targets are not supported')
  if (typeof target !== 'object' || target === null) return undefined

  for (const [key, value] of Object.entries(target)) {
    if (key !== 'default' && !conditions.has(key)) continue
    const resolved = resolveTarget(value, conditions)
    if (resolved !== undefined) return resolved
  }
  return undefined
}

const manifest = readManifest()
const subpaths = codeSubpaths(manifest)

/** Resolves one subpath for a condition set, adding "types" when resolving declarations. */
function resolveSubpath(subpath: string, conditions: readonly string[], withTypes: boolean): string | undefined {
  const active = new Set(withTypes ? ['types', ...conditions] : conditions)
  return resolveTarget(manifest.exports[subpath], active)
}

function expectedCode(subpath: string, build: Build, system: ModuleSystem): string {
  const name = subpath === '.' ? 'index' : subpath.slice(2)
  return `./dist/${build}/${name}.${system === 'import' ? 'js' : 'cjs'}`
}

function expectedTypes(subpath: string, system: ModuleSystem): string {
  const folder = system === 'import' ? 'types' : 'types-cjs'
  const name = subpath === '.' ? '' : `${subpath.slice(2)}/`
  return `./dist/${folder}/${name}index.d.ts`
}

/** Rows of [label, module system, build, environment], so `%s` titles print without quotes. */
const cases = environments.flatMap((environment) =>
  moduleSystems.map((system) => [environment.label, system, environment.build, environment] as const),
)

describe('exports map routing', () => {
  it.each(cases)('%s %s loads dist/%s', (_label, system, build, { conditions }) => {
    for (const subpath of subpaths) {
      const code = resolveSubpath(subpath, [system, ...conditions], false)
      expect(code, subpath).toBe(expectedCode(subpath, build, system))
      distFile((code ?? '').slice('./dist/'.length))
    }
  })

  // "types" must come first in every branch, because TypeScript takes the first
  // matching key and a "default" above it would hand TypeScript the JavaScript.
  it.each(cases)('%s %s finds its declarations', (_label, system, _build, { conditions }) => {
    for (const subpath of subpaths) {
      const types = resolveSubpath(subpath, [system, ...conditions], true)
      expect(types, subpath).toBe(expectedTypes(subpath, system))
      distFile((types ?? '').slice('./dist/'.length))
    }
  })

  it('covers every condition in the map', () => {
    const used = new Set<string>()
    const collect = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return
      for (const [key, child] of Object.entries(value)) {
        if (!key.startsWith('.')) used.add(key)
        collect(child)
      }
    }
    collect(manifest.exports)
    const tested = new Set(['types', 'import', 'require', 'default', ...environments.flatMap((environment) => environment.conditions)])
    expect([...used].filter((condition) => !tested.has(condition))).toEqual([])
  })

  it('resolver follows key order', () => {
    const nodeOnly = { node: './node.js' }
    expect(resolveTarget(nodeOnly, new Set(['browser']))).toBeUndefined()
    expect(resolveTarget(nodeOnly, new Set(['node']))).toBe('./node.js')
    const defaultFirst = { default: './web.js', node: './node.js' }
    expect(resolveTarget(defaultFirst, new Set(['node']))).toBe('./web.js')
    const nestedMiss = { node: { require: './node.cjs' }, default: './web.js' }
    expect(resolveTarget(nestedMiss, new Set(['node', 'import']))).toBe('./web.js')
  })
})
