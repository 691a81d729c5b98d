// Cold start for test/bench/run.js: the time to load a package in a fresh Node process.
//
// Each sample starts a new `node -e` process that reads the clock and process.cpuUsage(),
// loads one specifier with import() or require(), reads both again and prints the
// differences. Node's own start-up is therefore left out, and so is the start of the
// ES module loader, which an ESM script has finished before its first line runs. The
// targets take turns, so that a slow stretch of the machine falls on all of them alike.
// Specifiers resolve from the repository root: "agora-keys" through the package's own
// `exports` (a package may import itself by name), the official packages from
// node_modules. The node condition applies, so ours loads dist/node.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { summarise } from './timing.js'

const repositoryRoot = path.resolve(import.meta.dirname, '../..')

/** What each sample loads, and how. `baseline` marks the Node built-ins that the packages load. */
export const coldStartTargets = [
  { id: 'ours-esm', label: "agora-keys, import('agora-keys')", system: 'esm', specifier: 'agora-keys' },
  { id: 'ours-cjs', label: "agora-keys, require('agora-keys')", system: 'cjs', specifier: 'agora-keys' },
  {
    id: 'ours-esm-subpath',
    label: "agora-keys, import('agora-keys/access-token2')",
    system: 'esm',
    specifier: 'agora-keys/access-token2',
  },
  {
    id: 'ours-cjs-subpath',
    label: "agora-keys, require('agora-keys/access-token2')",
    system: 'cjs',
    specifier: 'agora-keys/access-token2',
  },
  { id: 'agora-token-cjs', label: "agora-token, require('agora-token')", system: 'cjs', specifier: 'agora-token' },
  { id: 'agora-token-esm', label: "agora-token, import('agora-token')", system: 'esm', specifier: 'agora-token' },
  {
    id: 'agora-access-token-cjs',
    label: "agora-access-token, require('agora-access-token')",
    system: 'cjs',
    specifier: 'agora-access-token',
  },
  {
    id: 'agora-access-token-esm',
    label: "agora-access-token, import('agora-access-token')",
    system: 'esm',
    specifier: 'agora-access-token',
  },
  {
    id: 'builtins-cjs',
    label: "Node built-ins only, require('node:crypto') and require('node:zlib')",
    system: 'cjs',
    specifier: ['node:crypto', 'node:zlib'],
    baseline: true,
  },
]

/** Returns the source of the `node -e` script that times loading `target`. */
function childScript(target) {
  const specifiers = [target.specifier].flat()
  const load = specifiers
    .map((specifier) =>
      target.system === 'esm'
        ? `await import(${JSON.stringify(specifier)})`
        : `require(${JSON.stringify(specifier)})`,
    )
    .join('; ')
  const prelude =
    target.system === 'esm'
      ? "const { performance } = await import('node:perf_hooks')"
      : "const { performance } = require('node:perf_hooks')"
  return [
    prelude,
    'const cpuBefore = process.cpuUsage()',
    'const start = performance.now()',
    load,
    'const wallMs = performance.now() - start',
    'const cpu = process.cpuUsage(cpuBefore)',
    'process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }))',
  ].join('\n')
}

/** Runs one fresh process for `target` and returns its timings in milliseconds. */
function sampleOnce(target) {
  const args = target.system === 'esm' ? ['--input-type=module', '-e'] : ['-e']
  const start = performance.now()
  const output = execFileSync(process.execPath, [...args, childScript(target)], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const processMs = performance.now() - start
  return { ...JSON.parse(output), processMs }
}

/**
 * Measures every target in `samples` fresh processes, taking turns.
 *
 * @param {{ samples: number }} settings
 * @returns {{ id: string, label: string, baseline: boolean, wall: object, cpu: object,
 *   process: object }[]} per target, summaries of the load time (wall and CPU) and of
 *   the whole process's wall-clock time, in milliseconds
 */
export function measureColdStart(settings) {
  const samples = new Map(coldStartTargets.map((target) => [target.id, []]))
  for (let round = 0; round < settings.samples; round++) {
    for (let offset = 0; offset < coldStartTargets.length; offset++) {
      const target = coldStartTargets[(round + offset) % coldStartTargets.length]
      samples.get(target.id).push(sampleOnce(target))
    }
  }
  return coldStartTargets.map((target) => {
    const runs = samples.get(target.id)
    return {
      id: target.id,
      label: target.label,
      baseline: target.baseline === true,
      wall: summarise(runs.map((run) => run.wallMs)),
      cpu: summarise(runs.map((run) => run.cpuMs)),
      process: summarise(runs.map((run) => run.processMs)),
    }
  })
}
