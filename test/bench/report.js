// Formats the measurements of test/bench/run.js as the Markdown of test/bench/RESULTS.md,
// and the short summary table that run.js --write puts in the README.
import { CONCURRENT_CALLS } from './speed-cases.js'
import { FASTEST_PATH_GOAL, WEB_PATH_GOAL } from './targets.js'

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

function formatOps(value) {
  return integer.format(value)
}

function formatMicroseconds(opsPerSecond) {
  const microseconds = 1e6 / opsPerSecond
  return microseconds >= 100 ? microseconds.toFixed(0) : microseconds.toPrecision(3)
}

function formatPercent(value) {
  return `${value.toFixed(0)}%`
}

function formatRatio(ratio) {
  return `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`
}

function formatBytes(bytes) {
  return integer.format(bytes)
}

function formatMs(summary) {
  return `${summary.median.toFixed(1)} (${formatPercent(summary.spreadPercent)})`
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  return lines.join('\n')
}

function notMeasured(section) {
  return `Not measured in this run: the command left out the ${section} section.`
}

function machineSection(run) {
  const { speed, allocation, coldStart } = run.settings
  const rows = [
    ['Date', run.date],
    ['CPU', `${run.cpuModel} (model name in /proc/cpuinfo)`],
    ['nproc', String(run.nproc)],
    ['Node.js', `${run.nodeVersion} (V8 ${run.v8Version})`],
    ['agora-keys', `${run.oursVersion}, ${run.gitRevision}`],
    ['Compared with', run.officialPackages.join(', ')],
    ['Tools', `tinybench ${run.tinybenchVersion}, esbuild ${run.esbuildVersion}`],
    [
      'Load average (1 min)',
      `${run.loadAverageBefore.toFixed(2)} before the run, ${run.loadAverageAfter.toFixed(2)} after`,
    ],
    [
      'Speed settings',
      `per variant: warm-up ${String(speed.warmupMs)} ms, then ${String(speed.rounds)} rounds ` +
        `of at least ${String(speed.sampleMs)} ms`,
    ],
    [
      'Allocation settings',
      `windows per variant: ${String(allocation.windows)}, each up to ${String(allocation.windowMs)} ms; ` +
        `node ${run.allocationFlags.join(' ')}`,
    ],
    ['Cold-start settings', `fresh processes per target: ${String(coldStart.samples)}`],
    ['Duration of the run', `${String(run.durationSeconds)} s`],
  ]
  return table(['Item', 'Value'], rows)
}

function targetStatus(status, ratios) {
  const detail = `wall ${ratios.wallRatio.median.toFixed(2)}×, CPU ${ratios.cpuRatio.median.toFixed(2)}×`
  return `**${status}** (${detail})`
}

/** Returns the median wall-clock µs per call of one variant of the platform-call group. */
function primitiveMicroseconds(run, id) {
  const group = run.groups.find((candidate) => candidate.id === 'platform-primitives')
  const variant = group?.variants.find((candidate) => candidate.id === id)
  return variant === undefined ? undefined : formatMicroseconds(variant.wall.median)
}

/** Explains target 2 with the platform calls timed in the same run, when they were timed. */
function webPathLimits(run) {
  const importAndSign = primitiveMicroseconds(run, 'web-import-sign')
  if (importAndSign === undefined) return ''
  const officialCalls = run.targets
    .map((row) => `${row.title} ${formatMicroseconds(row.officialOpsPerSecond)} µs`)
    .join(', ')
  const sentences = [
    'What bounds target 2 on this machine, from the "Platform calls" table:',
    `on Node.js ${run.nodeVersion}, crypto.subtle.importKey and crypto.subtle.sign together`,
    `take ${importAndSign} µs per HMAC, and a sign with a key imported once takes`,
    `${primitiveMicroseconds(run, 'web-sign')} µs, against ${primitiveMicroseconds(run, 'node-hmac')} µs`,
    'for node:crypto createHmac.',
    'dist/web deflates and inflates "007" bodies in TypeScript, so CompressionStream',
    `(${primitiveMicroseconds(run, 'web-deflate')} µs to deflate the "007" payload) and DecompressionStream`,
    `(${primitiveMicroseconds(run, 'web-inflate')} µs to inflate it) are not on its path; node:zlib takes`,
    `${primitiveMicroseconds(run, 'node-deflate')} and ${primitiveMicroseconds(run, 'node-inflate')} µs for the same.`,
    `The official sync calls take ${officialCalls}.`,
    'A dist/web call awaits its WebCrypto calls one after another: one HMAC for',
    'DynamicKey5 and "006", three for a "007" build or verify. So it takes at least their',
    'sum, and where that sum exceeds the official call, target 2 cannot be met while',
    'dist/web signs with WebCrypto.',
  ]
  return `\n${sentences.join(' ')}`
}

function targetsSection(run) {
  if (run.targets === undefined) return notMeasured('speed')
  const rows = run.targets.map((row) => [
    row.title,
    formatOps(row.officialOpsPerSecond),
    row.fastest.label,
    targetStatus(row.fastest.status, row.fastest),
    targetStatus(row.web.status, row.web),
    row.webConcurrent === undefined ? 'not timed' : formatRatio(row.webConcurrent.wallRatio),
  ])
  const met = (key) => run.targets.filter((row) => row[key].status === 'met').length
  const total = String(run.targets.length)
  return [
    `1. Our fastest sequential path reaches at least ${String(FASTEST_PATH_GOAL)}× the official`,
    `   package's operations per second: met for ${String(met('fastest'))} of ${total} operations.`,
    `2. Our dist/web path, awaited call by call, is no slower than the official sync path`,
    `   (at least ${String(WEB_PATH_GOAL)}×): met for ${String(met('web'))} of ${total} operations.`,
    '',
    'A target is met when the median per-round ratio reaches the goal in wall-clock time and',
    'in CPU time, missed when it reaches it in neither, and unclear when the two disagree.',
    'The script computes these rows from the ratios in the Speed section. The last column is',
    `dist/web with ${String(CONCURRENT_CALLS)} calls in flight (wall-clock ratio), for comparison only: it uses the`,
    "thread pool's cores, while the official call runs on one.",
    '',
    'Where the time goes in each of these operations, ours and official, is in the CPU',
    'profiles of [PROFILES.md](PROFILES.md), which `node test/bench/profile.js --write` writes',
    'in a separate run.',
    '',
    table(
      [
        'Operation',
        'Official ops/s (wall)',
        'Our fastest path',
        `Target 1 (≥ ${String(FASTEST_PATH_GOAL)}×)`,
        `Target 2: dist/web (≥ ${String(WEB_PATH_GOAL)}×)`,
        'dist/web, calls in flight',
      ],
      rows,
    ),
    webPathLimits(run),
  ].join('\n')
}

/** Finds the official variant of a group, or returns undefined when the official packages have none. */
function officialOf(group) {
  return group.variants.find((variant) => variant.id === 'official')
}

function ratioOf(group, id, key) {
  const variant = group.variants.find((candidate) => candidate.id === id)
  return variant === undefined ? 'n/a' : formatRatio(variant[key])
}

function speedSummary(groups) {
  const rows = groups
    .filter((group) => officialOf(group) !== undefined)
    .map((group) => [
      group.title,
      formatOps(officialOf(group).wall.median),
      ratioOf(group, 'node', 'wallRatio'),
      ratioOf(group, 'node', 'cpuRatio'),
      ratioOf(group, 'web', 'wallRatio'),
      ratioOf(group, 'web', 'cpuRatio'),
    ])
  const header = [
    'Operation',
    'Official ops/s (wall)',
    'dist/node, wall',
    'dist/node, CPU',
    'dist/web, wall',
    'dist/web, CPU',
  ]
  return table(header, rows)
}

function apiKind(variant) {
  if ((variant.concurrency ?? 1) > 1) return `async, ${String(variant.concurrency)} in flight`
  return variant.isAsync ? 'async' : 'sync'
}

function speedGroup(group) {
  const hasOfficial = officialOf(group) !== undefined
  const header = ['Variant', 'API', 'ops/s (wall)', 'µs/op (wall)', 'spread', 'CPU µs/op', 'spread']
  if (hasOfficial) header.push('vs official, wall', 'vs official, CPU')
  const rows = group.variants.map((variant) => {
    const row = [
      variant.label,
      apiKind(variant),
      formatOps(variant.wall.median),
      formatMicroseconds(variant.wall.median),
      formatPercent(variant.wall.spreadPercent),
      formatMicroseconds(variant.cpu.median),
      formatPercent(variant.cpu.spreadPercent),
    ]
    if (hasOfficial) {
      const isOfficial = variant.id === 'official'
      row.push(isOfficial ? '1' : formatRatio(variant.wallRatio))
      row.push(isOfficial ? '1' : formatRatio(variant.cpuRatio))
    }
    return row
  })
  return [`### ${group.title}`, '', group.note, '', table(header, rows)].join('\n')
}

function speedSection(run) {
  if (run.groups === undefined) return notMeasured('speed')
  return `Each variant calls one operation with fixed inputs, in batches of about 2 ms
that tinybench times as one iteration (its \`overriddenDuration\` is the batch's
mean time per call). An async call is awaited before the next one starts, so its
figures are sequential latency. Rows marked "in flight" start several calls and
await them together, which measures throughput on a busy server instead.

Each round is one tinybench run over every variant of an operation, and the
variant that starts rotates from round to round. Every round records two rates
per variant: operations per wall-clock second, and operations per second of CPU
time that the process used on all its threads (process.cpuUsage, which includes
the libuv thread pool and garbage collection). CPU time leaves out the time the
process waits for a core that other processes are using, but not the slowdown
from caches they share. The tables give the median over the rounds, and spread
is (max − min) / median.

"vs official" divides our rate by the official package's rate round by round and
gives the median and, in brackets, the min–max of those ratios. Above 1 means
agora-keys is faster. Before timing, the script checks that the variants of an
operation return the same output; for the builders it gives ours the salt and
time that the official package drew. The "default" rows let ours draw them, as
the official packages do.

### Summary

${speedSummary(run.groups)}

${run.groups.map(speedGroup).join('\n\n')}`
}

function allocationTotal(result) {
  return result.heapBytes === null ? null : result.heapBytes + result.arrayBufferBytes
}

function allocationSection(run) {
  if (run.allocation === undefined) return notMeasured('allocation')
  const { calibration, results } = run.allocation
  const groupsById = new Map(run.groups.map((group) => [group.id, group]))
  const rows = results.map((result) => {
    const group = groupsById.get(result.group)
    const variant = group.variants.find((candidate) => candidate.id === result.variant)
    const official = results.find(
      (candidate) => candidate.group === result.group && candidate.variant === 'official',
    )
    const total = allocationTotal(result)
    const officialTotal = official === undefined ? null : allocationTotal(official)
    const ratio =
      total === null || officialTotal === null || result.variant === 'official'
        ? result.variant === 'official'
          ? '1'
          : 'n/a'
        : (total / officialTotal).toFixed(2)
    return [
      group.title,
      variant.label,
      result.heapBytes === null ? 'no window without GC' : formatBytes(result.heapBytes),
      result.arrayBufferBytes === null ? 'n/a' : formatBytes(result.arrayBufferBytes),
      `${String(result.windowsKept)} of ${String(result.windowsKept + result.windowsDropped)}`,
      formatBytes(result.operationsPerWindow),
      ratio,
    ]
  })
  return `Measured in a separate process started with \`node ${run.allocationFlags.join(' ')}\`
(test/bench/allocation-child.js). The semi-space size makes the young generation
large enough for a whole window. A window runs garbage collection twice, reads
process.memoryUsage(), runs N operations back to back (awaiting each async one),
and reads it again. v8.GCProfiler lists the garbage collections that ran inside
the window, and a window with one is dropped. With no
collection in between, the heapUsed delta divided by N is what one operation
allocates on the V8 heap, and the arrayBuffers delta is what it allocates for
ArrayBuffer contents outside the heap. Node's Buffer pool hands out 8 KiB slabs,
so for the official packages that column is an average over N. Memory that
node:crypto and node:zlib allocate natively (for example zlib's stream state) is
in neither column. N is sized so that a window allocates at most 16 MiB and
takes at most the window time, and the table gives the median over the kept
windows.

Calibration: a loop that allocates one object literal with two fields per call
measures ${calibration.heapBytes === null ? 'nothing (no window without GC)' : `${calibration.heapBytes.toFixed(1)} bytes`} per call. Such an object takes 40 bytes on
64-bit V8 without pointer compression, as in Node's official builds: a map,
properties and elements pointers, and two in-object fields of 8 bytes each.

${table(
  [
    'Operation',
    'Variant',
    'Heap bytes/op',
    'ArrayBuffer bytes/op',
    'Windows kept',
    'N',
    'Total vs official',
  ],
  rows,
)}`
}

function coldStartSection(run) {
  if (run.coldStart === undefined) return notMeasured('cold-start')
  const rows = run.coldStart.map((target) => [
    target.label,
    formatMs(target.wall),
    formatMs(target.cpu),
    formatMs(target.process),
  ])
  return `Each sample is a fresh \`node -e\` process that loads one specifier with import()
or require() and prints the wall-clock time and the CPU time (process.cpuUsage)
that loading took. Node's own start-up is not in those two columns, but it is in
the last one, which the parent process measures from spawn to exit. The targets
take turns, and the table gives the median and, in brackets, the spread
((max − min) / median) over ${String(run.settings.coldStart.samples)} processes each.
Specifiers resolve from the repository root with the node condition, so ours
loads dist/node. The last row loads only node:crypto and node:zlib, which
agora-keys and agora-token load; agora-access-token loads node:crypto alone.

${table(['What is loaded', 'Load ms (wall)', 'Load ms (CPU)', 'Whole process ms (wall)'], rows)}`
}

function bundleCell(result) {
  if (result.errors !== undefined) {
    const count = result.errors.length
    const errors = `${String(count)} esbuild error${count === 1 ? '' : 's'}`
    return { minified: 'fails', gzipped: `${errors}: ${result.errors.join('; ')}` }
  }
  return { minified: formatBytes(result.minified), gzipped: formatBytes(result.gzipped) }
}

function bundleRows(bundles) {
  const rows = []
  for (const entry of bundles) {
    const officialNode = entry.results.find(
      (result) => result.who === 'official' && result.target === 'node',
    )
    for (const result of entry.results) {
      const cell = bundleCell(result)
      const source = result.who === 'ours' ? entry.ours : entry.official
      let ratio = 'n/a'
      if (result.who === 'official' && result.target === 'node') ratio = '1'
      else if (
        result.who === 'ours' &&
        officialNode?.gzipped !== undefined &&
        result.gzipped !== undefined
      ) {
        ratio = (result.gzipped / officialNode.gzipped).toFixed(2)
      }
      rows.push([entry.title, `\`${source}\``, result.target, cell.minified, cell.gzipped, ratio])
    }
  }
  const header = ['Import', 'Entry', 'Target', 'Minified bytes', 'Gzipped bytes', 'Gzip vs official (node)']
  return table(header, rows)
}

function footprintRows(footprints) {
  const ours = footprints.ours
  const reachableBytes = ours.bytes - ours.unreachableBytes
  const rows = [
    [
      ours.name,
      `\`npm pack --dry-run\` unpacked size (tarball ${formatBytes(ours.tarballBytes)} bytes)`,
      String(ours.files),
      formatBytes(ours.bytes),
      '',
    ],
    [
      ours.name,
      'the same without files that no entry point of package.json imports',
      String(ours.files - ours.unreachableFiles),
      formatBytes(reachableBytes),
      '',
    ],
  ]
  for (const official of footprints.official) {
    const published = (ours.bytes / official.bytes).toFixed(2)
    const reachable = (reachableBytes / official.bytes).toFixed(2)
    rows.push([
      official.name,
      `installed files of ${official.packages.join(', ')}`,
      String(official.files),
      formatBytes(official.bytes),
      `${published} (${reachable} without unreachable files)`,
    ])
  }
  return table(['Package', 'What is counted', 'Files', 'Bytes', 'agora-keys ÷ this'], rows)
}

function unreachableNote(ours) {
  if (ours.unreachableFiles === 0) {
    return 'Every published file under dist/ is reachable from an entry point.'
  }
  return (
    `${String(ours.unreachableFiles)} published files under dist/ ` +
    `(${formatBytes(ours.unreachableBytes)} bytes) are imported by no entry point ` +
    'of package.json. Most are the declarations tsc writes for internal modules ' +
    '(dist/types*/), which no public declaration imports; check any others before publishing.'
  )
}

function sizeSection(run) {
  if (run.bundles === undefined) return notMeasured('size')
  return `### Bundles

Each entry is bundled by esbuild ${run.esbuildVersion} (bundle, minify), and gzip
is node:zlib at level 9. Our entries are ES modules resolved through the
\`exports\` map of package.json: target browser picks dist/web, target workerd
(esbuild's neutral platform with the workerd, worker and browser conditions, as
Cloudflare's wrangler resolves them) picks dist/web too, and target node picks
dist/node. The official packages are CommonJS, bundled as CommonJS, and cannot
be tree-shaken. They require the Node built-ins crypto and zlib, so they bundle
only for node, where built-ins stay external; the errors esbuild gives for the
other targets are in the table. A worker with Cloudflare's nodejs_compat flag
provides those built-ins, so the node row estimates the official bundle size
there. "Gzip vs official" divides a gzipped size by that of the official node
bundle. Below 1 means agora-keys is smaller.

${bundleRows(run.bundles)}

### Installed footprint

Our size is what \`npm pack\` would publish (dist/node, dist/web, types and
docs). The official sizes sum the files that npm installed for each package
and for every package in its dependency tree, read from node_modules.
${unreachableNote(run.footprints.ours)}

${footprintRows(run.footprints)}`
}

/** Renders the whole results page. */
export function renderResults(run) {
  return `# Benchmark results

agora-keys against the official npm packages agora-token and agora-access-token:
speed, allocation, cold start and bundle size. Written by \`${run.command}\`;
\`npm run bench -- --write\` does the same after rebuilding dist/. All numbers
come from one run on the machine below. Compare the ratios, which were measured
in the same run, rather than the absolute figures, which vary between machines
and between runs.

To reproduce:

\`\`\`sh
npm run bench -- --write   # rebuild dist/, measure everything, rewrite this page
npm run bench -- --quick   # a short run that checks the harness; too noisy to publish
node test/bench/run.js --help
node test/bench/profile.js --write   # CPU profiles of each target, rewrite PROFILES.md
\`\`\`

${machineSection(run)}

## Targets

${targetsSection(run)}

## Speed

${speedSection(run)}

## Allocation per operation

${allocationSection(run)}

## Cold start

${coldStartSection(run)}

## Size

${sizeSection(run)}
`
}

/** Renders the short table for the README's Performance section. */
export function renderReadmeSummary(run) {
  const rows = run.targets.map((row) => [
    row.title,
    formatOps(row.officialOpsPerSecond),
    `${row.fastest.wallRatio.median.toFixed(2)}×`,
    `${row.web.wallRatio.median.toFixed(2)}×`,
  ])
  return [
    `Median speed ratios, agora-keys ÷ official package, wall-clock, from \`${run.command}\``,
    `on ${run.cpuModel} (${String(run.nproc)} cores, load average ${run.loadAverageBefore.toFixed(1)}),`,
    `Node.js ${run.nodeVersion}, ${run.date.slice(0, 10)}.`,
    'Above 1 means agora-keys is faster.',
    '',
    table(['Operation', 'Official ops/s', 'Our fastest path', 'dist/web (WebCrypto)'], rows),
  ].join('\n')
}
