// Formats the measurements of test/bench/run.js as the Markdown of test/bench/RESULTS.md.

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

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  return lines.join('\n')
}

function machineSection(run) {
  const rows = [
    ['Date', run.date],
    ['CPU', `${run.cpuModel} (model name in /proc/cpuinfo)`],
    ['nproc', String(run.nproc)],
    ['Node.js', run.nodeVersion],
    ['agora-keys', `${run.oursVersion}, ${run.gitRevision}`],
    ['Compared with', run.officialPackages.join(', ')],
    ['esbuild', run.esbuildVersion],
    [
      'Load average (1 min)',
      `${run.loadAverageBefore.toFixed(2)} before the run, ${run.loadAverageAfter.toFixed(2)} after`,
    ],
    [
      'Timing',
      `warm-up ${String(run.settings.warmupMs)} ms, then ${String(run.settings.samples)} ` +
        `samples of ${String(run.settings.sampleMs)} ms per variant`,
    ],
  ]
  return table(['Item', 'Value'], rows)
}

/** Finds the official variant of a group, or returns undefined when the official packages have none. */
function officialOf(group) {
  return group.variants.find((variant) => variant.id === 'official')
}

function speedSummary(groups) {
  const rows = groups
    .filter((group) => officialOf(group) !== undefined)
    .map((group) => {
      const ratioOf = (id, key) => {
        const variant = group.variants.find((candidate) => candidate.id === id)
        return variant === undefined ? 'n/a' : formatRatio(variant[key])
      }
      return [
        group.title,
        ratioOf('node', 'cpuRatio'),
        ratioOf('node', 'wallRatio'),
        ratioOf('web', 'cpuRatio'),
        ratioOf('web', 'wallRatio'),
      ]
    })
  const header = ['Operation', 'dist/node, CPU', 'dist/node, wall', 'dist/web, CPU', 'dist/web, wall']
  return table(header, rows)
}

function speedGroup(group) {
  const hasOfficial = officialOf(group) !== undefined
  const header = ['Variant', 'API', 'ops/s (wall)', 'µs/op (wall)', 'spread', 'CPU µs/op', 'spread']
  if (hasOfficial) header.push('vs official, CPU', 'vs official, wall')
  const rows = group.variants.map((variant) => {
    const row = [
      variant.label,
      variant.isAsync ? 'async' : 'sync',
      formatOps(variant.wall.median),
      formatMicroseconds(variant.wall.median),
      formatPercent(variant.wall.spreadPercent),
      formatMicroseconds(variant.cpu.median),
      formatPercent(variant.cpu.spreadPercent),
    ]
    if (hasOfficial) {
      const isOfficial = variant.id === 'official'
      row.push(isOfficial ? '1' : formatRatio(variant.cpuRatio))
      row.push(isOfficial ? '1' : formatRatio(variant.wallRatio))
    }
    return row
  })
  return [`### ${group.title}`, '', group.note, '', table(header, rows)].join('\n')
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
    const official = entry.officialNode
    const ratio = (result) =>
      official === undefined || official.gzipped === undefined || result.gzipped === undefined
        ? 'n/a'
        : (result.gzipped / official.gzipped).toFixed(2)
    const add = (source, platform, result, ratioText) => {
      const cell = bundleCell(result)
      rows.push([entry.title, `\`${source}\``, platform, cell.minified, cell.gzipped, ratioText])
    }
    add(entry.ours, 'browser', entry.oursBrowser, ratio(entry.oursBrowser))
    add(entry.ours, 'node', entry.oursNode, ratio(entry.oursNode))
    if (entry.official !== undefined) {
      add(entry.official, 'node', entry.officialNode, '1')
      add(entry.official, 'browser', entry.officialBrowser, 'n/a')
    }
  }
  const header = ['Import', 'Entry', 'Platform', 'Minified bytes', 'Gzipped bytes', 'Gzip vs official (node)']
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

/** Renders the whole results page. */
export function renderResults(run) {
  return `# Benchmark results

Written by \`${run.command}\`. \`npm run bench -- --write\` does the same after
rebuilding dist/. All numbers come from one run on the machine below. Compare
the ratios, which were measured in the same run, rather than the absolute
figures, which vary between machines and between runs.

${machineSection(run)}

## Speed

Each variant calls one operation back to back with fixed inputs. An async API
is awaited before the next call, so its figures are sequential latency. Every
sample records two rates: operations per wall-clock second, and operations per
second of CPU time that the process used on all its threads (process.cpuUsage,
which includes the libuv thread pool and garbage collection). CPU time leaves
out the time the process waits for a core that other processes are using, but
not the slowdown from caches they share. Wall-clock time also counts the time
the dist/web calls wait for WebCrypto and CompressionStream work on the thread
pool. The tables give the median of the samples, and spread is
(max − min) / median.

The variants of one operation are sampled in turns. "vs official" divides our
rate by the official package's rate sample by sample and gives the median and,
in brackets, the min–max of those ratios. Above 1 means agora-keys is faster.
Our builders get a fixed salt and issue time. The "default" rows let ours draw
them, as the official packages do.

### Summary

${speedSummary(run.groups)}

${run.groups.map(speedGroup).join('\n\n')}

## Size

### Bundles

Each entry is bundled by esbuild ${run.esbuildVersion} (bundle, minify, ESM
output), and gzip is node:zlib at level 9. Our entries are resolved through the
\`exports\` map of package.json, so platform browser picks dist/web and platform
node picks dist/node. The official packages import the Node built-ins crypto
and zlib, so they bundle only for platform node, where built-ins stay external.
"Gzip vs official" divides a gzipped size by that of the official node bundle.
Below 1 means agora-keys is smaller.

${bundleRows(run.bundles)}

### Installed footprint

Our size is what \`npm pack\` would publish (dist/node, dist/web, types and
docs). The official sizes sum the files that npm installed for each package
and for every package in its dependency tree, read from node_modules.
${unreachableNote(run.footprints.ours)}

${footprintRows(run.footprints)}
`
}
