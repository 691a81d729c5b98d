// Profiles the speed groups that have a target. For each, our dist/node variant and the
// official package's variant each run in a child `node --cpu-prof` process
// (profile-child.js). The script prints the functions with the most self time, and the
// share of node:crypto, node:zlib, our code, the official package and garbage collection.
// Run `node test/bench/profile.js --help` for the options.
//
// Self time of a sample goes to the function on top of the stack. The share columns
// walk the stack from the top down to the first frame with a script URL, so a built-in
// such as TypedArray.prototype.set counts for the code that called it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const repositoryRoot = path.resolve(import.meta.dirname, '../..')
const childScript = path.join(import.meta.dirname, 'profile-child.js')
const profilesFile = path.join(import.meta.dirname, 'PROFILES.md')

/** The groups of speed-cases.js that have a speed target, in the order of RESULTS.md. */
export const TARGET_GROUPS = [
  'dynamic-key5-build',
  'access-token-build',
  'access-token2-rtc-build',
  'access-token2-rtm-build',
  'access-token-parse',
  'access-token2-parse',
  'access-token2-verify',
]

/** Sampling interval of the child's profiler, in µs (Node's default is 1000). */
const SAMPLING_INTERVAL_US = 100

const usage = `Usage: node test/bench/profile.js [options] [GROUP ...]

Profiles our dist/node path and the official package's path of each GROUP (default:
every group with a speed target: ${TARGET_GROUPS.join(', ')}) with node --cpu-prof,
and prints the functions with the most self time. Reads dist/ as built by npm run build.

Options:
  --variants LIST   comma-separated variant ids to profile (default: node,official)
  --seconds N       profiled seconds per variant (default: 3)
  --top N           functions listed per variant (default: 12)
  --write           also write test/bench/PROFILES.md (every target group, defaults only)
  --help            print this help
`

function log(message) {
  process.stderr.write(`${message}\n`)
}

function parseOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      variants: { type: 'string', default: 'node,official' },
      seconds: { type: 'string', default: '3' },
      top: { type: 'string', default: '12' },
      write: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  })
  const seconds = Number(values.seconds)
  const top = Number(values.top)
  if (!(seconds > 0)) throw new Error(`--seconds: expected a positive number, got ${values.seconds}`)
  if (!Number.isInteger(top) || top < 1) throw new Error(`--top: expected a positive integer, got ${values.top}`)
  const isDefault = positionals.length === 0 && values.variants === 'node,official'
  if (values.write && (!isDefault || seconds !== 3 || top !== 12)) {
    throw new Error('--write profiles the default groups and variants, so it takes no other option')
  }
  return {
    ...values,
    seconds,
    top,
    groups: positionals.length === 0 ? TARGET_GROUPS : positionals,
    variants: values.variants.split(',').filter((id) => id !== ''),
  }
}

/** Maps each function declared in src/ by name to its "src/file.ts:line", or null if several share the name. */
function indexSourceFunctions() {
  const index = new Map()
  const sourceRoot = path.join(repositoryRoot, 'src')
  const declaration = /^\s*(?:export\s+)?(?:async\s+)?function\s+(\w+)|^\s*(?:(?:static|async|private|public)\s+)*(\w+)\s*\([^)]*\)\s*(?::[^{]+)?\{\s*$/
  for (const entry of readdirSync(sourceRoot, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
    const file = path.join(entry.parentPath, entry.name)
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, lineIndex) => {
      const match = declaration.exec(line)
      const name = match?.[1] ?? match?.[2]
      if (name === undefined || ['if', 'for', 'while', 'switch', 'catch'].includes(name)) return
      const where = `${path.relative(repositoryRoot, file)}:${String(lineIndex + 1)}`
      index.set(name, index.has(name) ? null : where)
    })
  }
  return index
}

/** Returns the category that a sample's time counts for, from its stack (top frame first). */
function categorise(stack) {
  const top = stack[0].callFrame.functionName
  if (top === '(garbage collector)') return 'garbage collection'
  if (top === '(program)' || top === '(idle)') return 'V8 and Node without a JS frame'
  for (const { callFrame } of stack) {
    const url = callFrame.url
    if (url === '') continue
    if (url === 'node:crypto' || url.startsWith('node:internal/crypto')) return 'node:crypto'
    if (url === 'node:zlib' || url.startsWith('node:internal/zlib')) return 'node:zlib'
    if (url.includes('/dist/')) return 'agora-keys (dist/)'
    if (url.includes('/node_modules/')) return 'official package and its dependencies'
    if (url.includes('/test/bench/')) return 'benchmark loop'
    if (url.startsWith('node:')) return 'other Node internals'
    return 'other'
  }
  return 'V8 built-ins without a JS caller'
}

/** Returns "file:line" of a frame, with our dist/ frames also mapped to src/ by name. */
function describeFrame(callFrame, sourceFunctions) {
  if (callFrame.url === '') return '(V8 built-in or native)'
  let file = callFrame.url
  if (file.startsWith('file://')) file = path.relative(repositoryRoot, fileURLToPath(file))
  // node_modules may be a link to another checkout's, so keep the path from node_modules on.
  const packagesAt = file.indexOf('node_modules/')
  if (packagesAt > 0) file = file.slice(packagesAt)
  const where = `${file}:${String(callFrame.lineNumber + 1)}`
  if (!file.startsWith('dist/')) return where
  const source = sourceFunctions.get(callFrame.functionName)
  return source === undefined || source === null ? where : `${source} (${where})`
}

/**
 * Sums the self time of each function and of each category over the samples taken
 * between `startMicroseconds` and `endMicroseconds`.
 */
export function analyseProfile(profile, startMicroseconds, endMicroseconds) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parents = new Map()
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node)
  }
  const functionSamples = new Map()
  const categorySamples = new Map()
  let samplesInWindow = 0
  let timestamp = profile.startTime
  profile.samples.forEach((nodeId, index) => {
    timestamp += profile.timeDeltas[index]
    if (timestamp < startMicroseconds || timestamp > endMicroseconds) return
    samplesInWindow += 1
    const stack = []
    for (let node = nodes.get(nodeId); node !== undefined; node = parents.get(node.id)) stack.push(node)
    const { functionName, url, lineNumber } = stack[0].callFrame
    const key = `${functionName}\u0000${url}\u0000${String(lineNumber)}`
    const entry = functionSamples.get(key) ?? { callFrame: stack[0].callFrame, samples: 0 }
    entry.samples += 1
    functionSamples.set(key, entry)
    const category = categorise(stack)
    categorySamples.set(category, (categorySamples.get(category) ?? 0) + 1)
  })
  return { samplesInWindow, functionSamples: [...functionSamples.values()], categorySamples }
}

/** Profiles one variant in a child process and returns its analysis. */
function profileVariant(groupId, variantId, seconds) {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'agora-keys-profile-'))
  try {
    const output = execFileSync(
      process.execPath,
      [
        '--cpu-prof',
        `--cpu-prof-dir=${directory}`,
        `--cpu-prof-interval=${String(SAMPLING_INTERVAL_US)}`,
        childScript,
        groupId,
        variantId,
        String(seconds * 1000),
      ],
      { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const loop = JSON.parse(output)
    const files = readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'))
    if (files.length !== 1) throw new Error(`expected one .cpuprofile in ${directory}, found ${String(files.length)}`)
    const profile = JSON.parse(readFileSync(path.join(directory, files[0]), 'utf8'))
    return { ...loop, ...analyseProfile(profile, loop.startMicroseconds, loop.endMicroseconds) }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  return lines.join('\n')
}

function formatMicroseconds(value) {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3)
}

/** Renders the tables of one profiled variant. */
function renderVariant(result, top, sourceFunctions) {
  const loopMicroseconds = result.endMicroseconds - result.startMicroseconds
  const perOperation = loopMicroseconds / result.operations
  const share = (samples) => samples / result.samplesInWindow
  const shareCells = (samples) => [
    `${(share(samples) * 100).toFixed(1)}%`,
    formatMicroseconds(share(samples) * perOperation),
  ]
  const functions = result.functionSamples
    .sort((a, b) => b.samples - a.samples)
    .slice(0, top)
    .map(({ callFrame, samples }) => [
      `\`${callFrame.functionName === '' ? '(anonymous)' : callFrame.functionName}\``,
      describeFrame(callFrame, sourceFunctions),
      ...shareCells(samples),
    ])
  const categories = [...result.categorySamples.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([category, samples]) => [category, ...shareCells(samples)])
  return [
    `${result.operations.toLocaleString('en-US')} calls in ${(loopMicroseconds / 1e6).toFixed(2)} s ` +
      `under the profiler: ${formatMicroseconds(perOperation)} µs per call, ` +
      `${result.samplesInWindow.toLocaleString('en-US')} samples.`,
    '',
    table(['Where the time goes', 'Share', 'Estimated µs/call'], categories),
    '',
    table(['Function (self time)', 'Where', 'Share', 'Estimated µs/call'], functions),
  ].join('\n')
}

/** Returns the estimated µs per call that one category took in a profiled variant. */
function categoryMicroseconds(result, category) {
  const perOperation = (result.endMicroseconds - result.startMicroseconds) / result.operations
  return ((result.categorySamples.get(category) ?? 0) / result.samplesInWindow) * perOperation
}

/**
 * Describes the highest speed ratio that our dist/node path could reach if only its
 * node:crypto and node:zlib calls took time, or returns undefined without both variants.
 */
function platformCeiling(ours, official) {
  if (ours === undefined || official === undefined) return undefined
  const officialPerOperation = (official.endMicroseconds - official.startMicroseconds) / official.operations
  const oursPerOperation = (ours.endMicroseconds - ours.startMicroseconds) / ours.operations
  const platform = categoryMicroseconds(ours, 'node:crypto') + categoryMicroseconds(ours, 'node:zlib')
  const measured = `Under the profiler, ours takes ${formatMicroseconds(oursPerOperation)} µs per call and the official ` +
    `package ${formatMicroseconds(officialPerOperation)} µs, a ratio of ${(officialPerOperation / oursPerOperation).toFixed(2)}×.`
  if (platform === 0) return `${measured} Ours calls neither node:crypto nor node:zlib here.`
  return (
    `${measured} Our node:crypto and node:zlib calls alone take an estimated ` +
    `${formatMicroseconds(platform)} µs, so if everything else took no time, the ratio would be at most ` +
    `${(officialPerOperation / platform).toFixed(2)}×.`
  )
}

function runText(command, args) {
  return execFileSync(command, args, { cwd: repositoryRoot, encoding: 'utf8' }).trim()
}

function renderPage(sections, command) {
  const commit = runText('git', ['rev-parse', '--short', 'HEAD'])
  const changed = runText('git', ['status', '--porcelain', '--', 'src'])
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? os.cpus()[0]?.model ?? 'unknown'
  return `# CPU profiles of the speed targets

Written by \`${command}\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}:
Node.js ${process.version}, ${cpu}, ${String(os.availableParallelism())} cores, agora-keys
commit ${commit}${changed === '' ? '' : ' with uncommitted changes to src/'}.
RESULTS.md records whether each target is met; this page shows where the time goes.

For every operation with a speed target, our dist/node path and the official package
each run alone in a child \`node --cpu-prof --cpu-prof-interval=${String(SAMPLING_INTERVAL_US)}\` process
(test/bench/profile-child.js) for a few seconds, with the inputs and checks of the
speed groups. Only the samples taken while the loop runs are counted. The profiler
slows every call, so the µs per call here are higher than in RESULTS.md. An
estimated µs/call is the share of samples times the µs per call under the profiler.
The variants run one after another, so a change in the machine's load between them
moves the ratios on this page. RESULTS.md, which times the variants in alternating
rounds, gives the ratios that the targets use.

"Where the time goes" walks each sampled stack from the top down to the first frame
with a script URL, so a V8 built-in counts for the code that called it. The function
table gives self time: the function on top of the stack. Our frames are in dist/;
the src/ file is the one that declares a function of that name, when only one does.

${sections.join('\n\n')}
`
}

async function main() {
  const options = parseOptions(process.argv.slice(2))
  if (options.help) {
    process.stdout.write(usage)
    return
  }
  const sourceFunctions = indexSourceFunctions()
  const sections = []
  for (const groupId of options.groups) {
    const parts = [`## ${groupId}`]
    const results = new Map()
    for (const variantId of options.variants) {
      log(`profiling ${groupId} ${variantId} for ${String(options.seconds)} s`)
      const result = profileVariant(groupId, variantId, options.seconds)
      results.set(variantId, result)
      parts.push(`### ${groupId}, variant ${variantId}`, renderVariant(result, options.top, sourceFunctions))
    }
    const ceiling = platformCeiling(results.get('node'), results.get('official'))
    if (ceiling !== undefined) parts.splice(1, 0, ceiling)
    const section = parts.join('\n\n')
    sections.push(section)
    process.stdout.write(`${section}\n\n`)
  }
  if (options.write) {
    const command = ['node test/bench/profile.js', ...process.argv.slice(2)].join(' ')
    writeFileSync(profilesFile, renderPage(sections, command))
    log(`wrote ${path.relative(repositoryRoot, profilesFile)}`)
  }
}

// Tests import analyseProfile from this file, so the script runs only when started directly.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
