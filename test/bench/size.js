// The size comparisons of test/bench/run.js: minified and gzipped esbuild bundles of
// one import each, and the installed footprint of each package with its dependencies.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, version as esbuildVersion } from 'esbuild'
import { installedPackage } from './speed-cases.js'

const repositoryRoot = path.resolve(import.meta.dirname, '../..')

export { esbuildVersion }

/**
 * One import of ours and, where the official packages have it, the matching import.
 * Our imports go through the package name, so esbuild picks files by the `exports`
 * map of package.json, as it would in an application. The official packages are
 * CommonJS, so their entries are CommonJS too. esbuild cannot tree-shake CommonJS, so
 * an official bundle contains every module that the required file reaches.
 */
const bundleCases = [
  {
    title: '"007" RtcTokenBuilder2',
    ours: "export { RtcTokenBuilder2 } from 'agora-keys'",
    official: "exports.RtcTokenBuilder = require('agora-token').RtcTokenBuilder",
  },
  {
    title: '"007" RtmTokenBuilder2',
    ours: "export { RtmTokenBuilder2 } from 'agora-keys'",
    official: "exports.RtmTokenBuilder = require('agora-token').RtmTokenBuilder",
  },
  {
    title: '"006" RtcTokenBuilder',
    ours: "export { RtcTokenBuilder } from 'agora-keys/access-token'",
    official: "exports.RtcTokenBuilder = require('agora-access-token').RtcTokenBuilder",
  },
  {
    title: 'DynamicKey5 generateMediaChannelKey',
    ours: "export { generateMediaChannelKey } from 'agora-keys/dynamic-key5'",
    official:
      "exports.generateMediaChannelKey = require('agora-token/src/DynamicKey5.js').generateMediaChannelKey",
  },
  {
    title: 'DynamicKey4 generateMediaChannelKey (root)',
    ours: "export { generateMediaChannelKey } from 'agora-keys'",
    official: undefined,
  },
  {
    title: 'Whole package',
    ours: "export * from 'agora-keys'",
    official: "module.exports = require('agora-token')",
  },
]

/**
 * The esbuild settings of each target. workerd resolves the `workerd`, `worker` and
 * `browser` conditions, as Cloudflare's wrangler does, on esbuild's neutral platform,
 * which resolves no Node built-ins. For node, built-ins stay external.
 */
const bundleTargets = {
  browser: { platform: 'browser' },
  workerd: {
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
  },
  node: { platform: 'node' },
}

/** Bundles one entry and returns its minified and gzipped sizes, or the esbuild errors. */
async function bundle(contents, targetName, format) {
  try {
    const result = await build({
      stdin: { contents, resolveDir: repositoryRoot, loader: 'js', sourcefile: 'entry.js' },
      ...bundleTargets[targetName],
      bundle: true,
      minify: true,
      format,
      write: false,
      logLevel: 'silent',
    })
    const output = result.outputFiles[0].contents
    return { minified: output.length, gzipped: gzipSync(output, { level: 9 }).length }
  } catch (error) {
    if (!Array.isArray(error.errors)) throw error
    return { errors: [...new Set(error.errors.map((message) => message.text))] }
  }
}

/**
 * Bundles every case for every target: ours as ESM, the official packages as CommonJS,
 * the format that lets their require() of Node built-ins work in the node bundle.
 */
export async function measureBundles() {
  const rows = []
  for (const entry of bundleCases) {
    const row = { title: entry.title, ours: entry.ours, official: entry.official, results: [] }
    for (const targetName of Object.keys(bundleTargets)) {
      row.results.push({ who: 'ours', target: targetName, ...(await bundle(entry.ours, targetName, 'esm')) })
    }
    if (entry.official !== undefined) {
      for (const targetName of Object.keys(bundleTargets)) {
        const result = await bundle(entry.official, targetName, 'cjs')
        row.results.push({ who: 'official', target: targetName, ...result })
      }
    }
    rows.push(row)
  }
  return rows
}

/** Sums the sizes of the regular files under `directory` and counts them. */
function directoryFiles(directory) {
  let bytes = 0
  let files = 0
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name)
    if (entry.isDirectory()) {
      const inner = directoryFiles(entryPath)
      bytes += inner.bytes
      files += inner.files
    } else if (entry.isFile()) {
      bytes += statSync(entryPath).size
      files += 1
    }
  }
  return { bytes, files }
}

/**
 * Finds the directory Node would load dependency `name` from when required by the
 * package in `fromDirectory`: the nearest node_modules/name walking up to the root.
 */
function resolvePackageDirectory(name, fromDirectory) {
  let directory = fromDirectory
  for (;;) {
    const candidate = path.join(directory, 'node_modules', name)
    if (existsSync(path.join(candidate, 'package.json'))) return candidate
    if (directory === repositoryRoot) break
    directory = path.dirname(directory)
  }
  throw new Error(`dependency ${name} of ${fromDirectory} is not installed`)
}

/** Lists the installed directories of a package and of all its runtime dependencies. */
function dependencyClosure(name) {
  const seen = new Set()
  const pending = [path.join(repositoryRoot, 'node_modules', name)]
  while (pending.length > 0) {
    const directory = pending.pop()
    if (seen.has(directory)) continue
    seen.add(directory)
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'))
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      pending.push(resolvePackageDirectory(dependency, directory))
    }
  }
  return [...seen]
}

/** Returns the installed size of an official package with its dependencies. */
function installedFootprint(name) {
  const directories = dependencyClosure(name)
  let bytes = 0
  let files = 0
  for (const directory of directories) {
    const size = directoryFiles(directory)
    bytes += size.bytes
    files += size.files
  }
  const packages = directories.map((directory) => {
    const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'))
    return `${manifest.name}@${manifest.version}`
  })
  return { name: installedPackage(name), packages, bytes, files }
}

/** Collects every string value in package.json `exports`, `main`, `module`, `types` and `bin`. */
function entryPoints(manifest) {
  const found = []
  const collect = (value) => {
    if (typeof value === 'string') found.push(path.posix.normalize(value))
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect)
  }
  collect([manifest.exports, manifest.main, manifest.module, manifest.types, manifest.bin])
  return found
}

/** Lists the files a relative specifier can load: the file itself or, for declarations, its .d.ts. */
function specifierTargets(fromFile, specifier) {
  const target = path.posix.join(path.posix.dirname(fromFile), specifier)
  return [
    target,
    target.replace(/\.js$/, '.d.ts'),
    target.replace(/\.cjs$/, '.d.cts'),
    target.replace(/\.mjs$/, '.d.mts'),
  ]
}

/**
 * Lists the published files that no entry point of package.json reaches through
 * relative imports. Such files are dead weight for installers, for example chunks
 * left in dist/ by an earlier build.
 */
function unreachableFiles(publishedPaths, manifest) {
  const published = new Set(publishedPaths)
  const reached = new Set()
  const pending = entryPoints(manifest).filter((file) => published.has(file))
  while (pending.length > 0) {
    const file = pending.pop()
    if (reached.has(file)) continue
    reached.add(file)
    const text = readFileSync(path.join(repositoryRoot, file), 'utf8')
    for (const match of text.matchAll(/["'](\.\.?\/[^"'\s]+)["']/g)) {
      for (const target of specifierTargets(file, match[1])) {
        if (published.has(target)) pending.push(target)
      }
    }
  }
  // Files outside dist/ (README, CHANGELOG, LICENSE, package.json) are documentation, not code.
  return publishedPaths.filter((file) => file.startsWith('dist/') && !reached.has(file))
}

/**
 * Returns what `npm pack` would publish for agora-keys. The flags keep npm offline:
 * it reads only the work tree and contacts no registry.
 */
function packedFootprint() {
  const output = execFileSync(
    'npm',
    ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline', '--no-update-notifier'],
    { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const [report] = JSON.parse(output)
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8'))
  const sizes = new Map(report.files.map((file) => [file.path, file.size]))
  const unreachable = unreachableFiles([...sizes.keys()], manifest)
  return {
    name: `${report.name}@${report.version}`,
    bytes: report.unpackedSize,
    tarballBytes: report.size,
    files: report.entryCount,
    unreachableFiles: unreachable.length,
    unreachableBytes: unreachable.reduce((total, file) => total + sizes.get(file), 0),
  }
}

/** Measures our publish size and the installed size of each official package. */
export function measureFootprints() {
  return {
    ours: packedFootprint(),
    official: [installedFootprint('agora-token'), installedFootprint('agora-access-token')],
  }
}
