// Runs the benchmark harness (test/bench/run.js) in its shortest mode on two speed
// groups and checks the shape of the Markdown it prints. It asserts no timing: every
// number may take any value, only its presence and format are checked.
import { execFile } from 'node:child_process'
import path from 'node:path'
import process from 'node:process'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { distFile, packageRoot, SETUP_TIMEOUT_MS } from '../package/dist.js'

const execFileAsync = promisify(execFile)

/** A number as report.js prints it: digits with optional thousands commas and decimals. */
const NUMBER = String.raw`[0-9][0-9,]*(?:\.[0-9]+)?`
const RATIO = String.raw`${NUMBER}× \(${NUMBER}–${NUMBER}\)`
const STATUS = String.raw`\*\*(?:met|missed|unclear)\*\* \(wall ${NUMBER}×, CPU ${NUMBER}×\)`

/** Returns the text of one `## ` section, without its heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`)
  if (start === -1) throw new Error(`section "## ${heading}" not found`)
  const rest = markdown.slice(start + heading.length + 5)
  const end = rest.indexOf('\n## ')
  return end === -1 ? rest : rest.slice(0, end)
}

/** Returns the table rows of a Markdown text whose first cell starts with `prefix`. */
function rowsStartingWith(text: string, prefix: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`| ${prefix}`))
}

describe('benchmark harness', () => {
  let markdown = ''

  beforeAll(async () => {
    distFile('node/index.js')
    distFile('web/index.js')
    const { stdout } = await execFileAsync(
      process.execPath,
      [
        path.join(packageRoot, 'test/bench/run.js'),
        '--quick',
        '--groups',
        'dynamic-key5-build,access-token2-parse',
      ],
      { cwd: packageRoot, encoding: 'utf8', maxBuffer: 1 << 24 },
    )
    markdown = stdout
  }, SETUP_TIMEOUT_MS)

  it('prints every section', () => {
    for (const heading of ['Targets', 'Speed', 'Allocation per operation', 'Cold start', 'Size']) {
      expect(markdown).toContain(`\n## ${heading}\n`)
    }
    expect(markdown).not.toContain('Not measured in this run')
  })

  it('computes both targets per operation', () => {
    const targets = section(markdown, 'Targets')
    const rows = rowsStartingWith(targets, 'DynamicKey5').concat(rowsStartingWith(targets, '"007" parse'))
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row).toMatch(new RegExp(`\\| ${STATUS} \\| ${STATUS} \\|`))
    }
  })

  it('gives rates and ratios per variant', () => {
    const speed = section(markdown, 'Speed')
    const ours = rowsStartingWith(speed, 'agora-keys dist/')
    // DynamicKey5: dist/node, dist/web, dist/web in flight; "007" parse: dist/node, dist/web.
    expect(ours).toHaveLength(5)
    for (const row of ours) {
      expect(row).toMatch(new RegExp(`\\| async(?:, 16 in flight)? \\| ${NUMBER} \\|`))
      expect(row).toMatch(new RegExp(`\\| ${RATIO} \\| ${RATIO} \\|$`))
    }
    expect(rowsStartingWith(speed, 'agora-token@')).toHaveLength(2)
  })

  it('reports bytes per operation', () => {
    const allocation = section(markdown, 'Allocation per operation')
    expect(allocation).toMatch(new RegExp(`measures ${NUMBER} bytes per call`))
    const rows = rowsStartingWith(allocation, 'DynamicKey5').concat(rowsStartingWith(allocation, '"007" parse'))
    // Variants with calls in flight are left out: 3 per operation.
    expect(rows).toHaveLength(6)
    for (const row of rows) {
      expect(row).toMatch(new RegExp(`\\| (?:${NUMBER}|no window without GC) \\| (?:${NUMBER}|n/a) \\| [01] of 1 \\|`))
    }
  })

  it('times every cold-start target', () => {
    const rows = section(markdown, 'Cold start')
      .split('\n')
      .filter((line) => /^\| (?:agora-|Node built-ins)/.test(line))
    expect(rows).toHaveLength(9)
    for (const row of rows) {
      expect(row).toMatch(new RegExp(`(?:\\| ${NUMBER} \\(${NUMBER}%\\) ){3}\\|$`))
    }
  })

  it('bundles ours and records official errors', () => {
    const size = section(markdown, 'Size')
    const ours = size.split('\n').filter((line) => line.includes("from 'agora-keys"))
    expect(ours.length).toBeGreaterThanOrEqual(18)
    for (const row of ours) {
      expect(row).toMatch(new RegExp(`\\| (?:browser|workerd|node) \\| ${NUMBER} \\| ${NUMBER} \\|`))
    }
    const officialBrowser = size
      .split('\n')
      .filter((line) => line.includes("require('agora-token") && line.includes('| browser |'))
    expect(officialBrowser.length).toBeGreaterThan(0)
    for (const row of officialBrowser) {
      expect(row).toMatch(/\| fails \| [0-9]+ esbuild errors?: Could not resolve "crypto"/)
    }
  })
})
