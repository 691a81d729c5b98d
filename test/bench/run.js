// Compares agora-keys with the official npm packages agora-token and agora-access-token
// on speed and size, and prints the results as Markdown.
//
//   npm run bench                       rebuilds dist/, then runs this script
//   node test/bench/run.js [--write] [--quick]
//
// --write  also writes test/bench/RESULTS.md.
// --quick  takes 3 short samples per variant, to check that the script works. Its
//          numbers are too noisy to publish, so --write refuses it.
//
// The script reads the built files in dist/ and does not rebuild them.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { renderResults } from './report.js'
import { esbuildVersion, measureBundles, measureFootprints } from './size.js'
import { installedPackage, loadSpeedGroups } from './speed-cases.js'
import { pairedRatio, summarise, timeGroup } from './timing.js'

const repositoryRoot = path.resolve(import.meta.dirname, '../..')
const resultsFile = path.join(import.meta.dirname, 'RESULTS.md')

const fullSettings = { warmupMs: 300, sampleMs: 80, samples: 21 }
const quickSettings = { warmupMs: 50, sampleMs: 50, samples: 3 }

function log(message) {
  process.stderr.write(`${message}\n`)
}

function parseArguments(argv) {
  const flags = new Set(argv)
  for (const flag of flags) {
    if (flag !== '--write' && flag !== '--quick') {
      throw new Error(`unknown option ${flag}. Usage: node test/bench/run.js [--write] [--quick]`)
    }
  }
  if (flags.has('--write') && flags.has('--quick')) {
    throw new Error('--quick and --write cannot be combined, because --quick numbers are too noisy for RESULTS.md')
  }
  return { write: flags.has('--write'), quick: flags.has('--quick') }
}

/** Returns the newest modification time of the files under `directory`, in ms. */
function newestModification(directory) {
  let newest = 0
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/** Stops when dist/ is missing, and warns when src/ changed after the last build. */
function checkBuild() {
  const entries = ['node', 'web'].map((runtime) =>
    path.join(repositoryRoot, 'dist', runtime, 'index.js'),
  )
  const missing = entries.filter((file) => !existsSync(file))
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} not found. Run npm run build first, or use npm run bench.`,
    )
  }
  const builtAt = Math.min(...entries.map((file) => statSync(file).mtimeMs))
  if (newestModification(path.join(repositoryRoot, 'src')) > builtAt) {
    log('warning: src/ changed after dist/ was built, so these numbers may not match the sources')
  }
}

function cpuModel() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : ''
  const match = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)
  return match === null ? os.cpus()[0]?.model ?? 'unknown' : match[1].trim()
}

function runText(command, args) {
  return execFileSync(command, args, { cwd: repositoryRoot, encoding: 'utf8' }).trim()
}

function describeMachine(settings, command) {
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8'))
  return {
    command,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpuModel: cpuModel(),
    nproc: Number(runText('nproc', [])),
    nodeVersion: process.version,
    oursVersion: manifest.version,
    // "-dirty" means the work tree had uncommitted changes when dist/ was measured.
    gitRevision: `commit ${runText('git', ['describe', '--always', '--dirty'])}`,
    officialPackages: [installedPackage('agora-token'), installedPackage('agora-access-token')],
    esbuildVersion,
    settings,
    loadAverageBefore: os.loadavg()[0],
  }
}

/** Times each group and attaches the summaries and per-round ratios to each variant. */
async function measureSpeed(groups, settings) {
  for (const group of groups) {
    log(`timing ${group.title} (${String(group.variants.length)} variants)`)
    const timings = await timeGroup(group.variants, settings)
    const official = timings.get('official')
    for (const variant of group.variants) {
      const timing = timings.get(variant.id)
      variant.isAsync = timing.isAsync
      variant.wall = summarise(timing.wall)
      variant.cpu = summarise(timing.cpu)
      if (official !== undefined) {
        variant.wallRatio = pairedRatio(timing.wall, official.wall)
        variant.cpuRatio = pairedRatio(timing.cpu, official.cpu)
      }
    }
  }
  return groups
}

async function main() {
  const options = parseArguments(process.argv.slice(2))
  const settings = options.quick ? quickSettings : fullSettings
  const command = ['node test/bench/run.js', ...process.argv.slice(2)].join(' ')
  checkBuild()
  const startedAt = Date.now()
  const run = describeMachine(settings, command)
  run.groups = await measureSpeed(await loadSpeedGroups(), settings)
  log('bundling with esbuild')
  run.bundles = await measureBundles()
  log('measuring package footprints')
  run.footprints = measureFootprints()
  run.loadAverageAfter = os.loadavg()[0]
  const markdown = renderResults(run)
  process.stdout.write(markdown)
  if (options.write) {
    writeFileSync(resultsFile, markdown)
    log(`wrote ${path.relative(repositoryRoot, resultsFile)}`)
  }
  log(`finished in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`)
}

await main()
