// Compares agora-keys with the official npm packages agora-token and agora-access-token
// on speed, allocation per operation, cold start and size, and prints the results as
// Markdown. Run `node test/bench/run.js --help` for the options.
//
// The script reads the built files in dist/ and does not rebuild them; `npm run bench`
// builds first.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { allocationFlags, measureAllocation } from './allocation.js'
import { measureColdStart } from './cold-start.js'
import { renderReadmeSummary, renderResults } from './report.js'
import { esbuildVersion, measureBundles, measureFootprints } from './size.js'
import { installedPackage, loadSpeedGroups } from './speed-cases.js'
import { evaluateTargets } from './targets.js'
import { pairedRatio, summarise, timeGroup } from './timing.js'

const repositoryRoot = path.resolve(import.meta.dirname, '../..')
const resultsFile = path.join(import.meta.dirname, 'RESULTS.md')
const readmeFile = path.join(repositoryRoot, 'README.md')

/** The README lines between these markers are the summary that --write replaces. */
const README_START = '<!-- bench-summary:start -->'
const README_END = '<!-- bench-summary:end -->'

const SECTIONS = ['speed', 'allocation', 'cold-start', 'size']

/** Settings of a full run, which takes about 4 minutes on 2 cores. */
const fullSettings = {
  speed: { warmupMs: 300, sampleMs: 120, rounds: 15 },
  allocation: { windows: 5, windowMs: 150 },
  coldStart: { samples: 15 },
}

/** Settings of --quick, which checks that the harness works; its numbers are noise. */
const quickSettings = {
  speed: { warmupMs: 20, sampleMs: 10, rounds: 3 },
  allocation: { windows: 1, windowMs: 10 },
  coldStart: { samples: 1 },
}

const usage = `Usage: node test/bench/run.js [options]

Measures agora-keys (dist/, built by npm run build) against agora-token and
agora-access-token, and prints the results as Markdown.

Options:
  --write             also write test/bench/RESULTS.md and the summary table in
                      the README's Performance section (full runs only)
  --quick             3 short rounds, 1 allocation window and 1 process per
                      target: checks that the harness works, too noisy to publish
  --json              print the measurements as JSON instead of Markdown
  --sections LIST     comma-separated sections to run: ${SECTIONS.join(', ')}
                      (default: all). Allocation needs speed.
  --groups LIST       comma-separated speed group ids to run (default: all),
                      for example dynamic-key5-build,access-token2-parse
  --help              print this help
`

function log(message) {
  process.stderr.write(`${message}\n`)
}

function listOption(value, name, allowed) {
  if (value === undefined) return undefined
  const items = value.split(',').filter((item) => item !== '')
  for (const item of items) {
    if (allowed !== undefined && !allowed.includes(item)) {
      throw new Error(`--${name}: unknown value ${item}; expected one of ${allowed.join(', ')}`)
    }
  }
  return new Set(items)
}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      write: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      sections: { type: 'string' },
      groups: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  })
  const sections = listOption(values.sections, 'sections', SECTIONS) ?? new Set(SECTIONS)
  const groups = listOption(values.groups, 'groups')
  if (sections.has('allocation') && !sections.has('speed')) {
    throw new Error('--sections: allocation needs speed, whose groups it measures')
  }
  if (values.write && (values.quick || values.sections !== undefined || groups !== undefined)) {
    throw new Error(
      '--write needs a full run, so it cannot be combined with --quick, --sections or --groups',
    )
  }
  return { ...values, sections, groups }
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
    throw new Error(`${missing.join(', ')} not found. Run npm run build first, or use npm run bench.`)
  }
  const builtAt = Math.min(...entries.map((file) => statSync(file).mtimeMs))
  if (newestModification(path.join(repositoryRoot, 'src')) > builtAt) {
    log('warning: src/ changed after dist/ was built, so these numbers may not match the sources')
  }
}

function cpuModel() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : ''
  const match = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)
  return match === null ? (os.cpus()[0]?.model ?? 'unknown') : match[1].trim()
}

function runText(command, args) {
  return execFileSync(command, args, { cwd: repositoryRoot, encoding: 'utf8' }).trim()
}

/**
 * Returns the commit checked out when the run starts, noting uncommitted changes to
 * the files the build reads. Changes elsewhere, such as the README and RESULTS.md that
 * --write rewrites, do not change what is measured.
 */
function describeRevision() {
  const commit = runText('git', ['rev-parse', '--short', 'HEAD'])
  const buildInputs = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json']
  const changed = runText('git', ['status', '--porcelain', '--', ...buildInputs])
  return changed === ''
    ? `commit ${commit}`
    : `commit ${commit}, with uncommitted changes to ${buildInputs.join(', ')}`
}

function describeMachine(settings, command) {
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8'))
  return {
    command,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpuModel: cpuModel(),
    nproc: os.availableParallelism(),
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    oursVersion: manifest.version,
    gitRevision: describeRevision(),
    officialPackages: [installedPackage('agora-token'), installedPackage('agora-access-token')],
    tinybenchVersion: installedPackage('tinybench').replace(/^tinybench@/, ''),
    esbuildVersion,
    allocationFlags,
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

/** Replaces the README lines between the summary markers with `summary`. */
function writeReadmeSummary(summary) {
  const readme = readFileSync(readmeFile, 'utf8')
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  if (start === -1 || end < start) {
    throw new Error(`README.md has no ${README_START} ... ${README_END} block to replace`)
  }
  const updated = `${readme.slice(0, start + README_START.length)}\n${summary}\n${readme.slice(end)}`
  writeFileSync(readmeFile, updated)
}

/** Drops the run functions from the variants, so that the run can be printed as JSON. */
function toJson(run) {
  const groups = run.groups?.map((group) => ({
    ...group,
    variants: group.variants.map((variant) => {
      const printable = { ...variant }
      delete printable.run
      return printable
    }),
  }))
  return `${JSON.stringify({ ...run, groups }, null, 2)}\n`
}

async function main() {
  const options = parseOptions(process.argv.slice(2))
  if (options.help) {
    process.stdout.write(usage)
    return
  }
  const settings = options.quick ? quickSettings : fullSettings
  const command = ['node test/bench/run.js', ...process.argv.slice(2)].join(' ')
  checkBuild()
  const startedAt = Date.now()
  const run = describeMachine(settings, command)
  if (options.sections.has('speed')) {
    run.groups = await measureSpeed(await loadSpeedGroups(options.groups), settings.speed)
    run.targets = evaluateTargets(run.groups)
  }
  if (options.sections.has('allocation')) {
    log('measuring allocation in a child process')
    run.allocation = measureAllocation(settings.allocation, options.groups)
  }
  if (options.sections.has('cold-start')) {
    log('measuring cold start in fresh processes')
    run.coldStart = measureColdStart(settings.coldStart)
  }
  if (options.sections.has('size')) {
    log('bundling with esbuild')
    run.bundles = await measureBundles()
    log('measuring package footprints')
    run.footprints = measureFootprints()
  }
  run.loadAverageAfter = os.loadavg()[0]
  run.durationSeconds = Math.round((Date.now() - startedAt) / 1000)
  if (options.json) {
    process.stdout.write(toJson(run))
  } else {
    process.stdout.write(renderResults(run))
  }
  if (options.write) {
    writeFileSync(resultsFile, renderResults(run))
    writeReadmeSummary(renderReadmeSummary(run))
    log(`wrote ${path.relative(repositoryRoot, resultsFile)} and the README summary`)
  }
  log(`finished in ${String(run.durationSeconds)} s`)
}

await main()
