// Checks test/bench/profile.js: the sample counting on a hand-made profile, and the shape
// of what a short real run prints. It asserts no timing: only which rows appear.
import { execFile } from 'node:child_process'
import path from 'node:path'
import process from 'node:process'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { distFile, packageRoot, SETUP_TIMEOUT_MS } from '../package/dist.js'
// @ts-expect-error: the benchmark scripts are plain JavaScript without declarations.
import { analyseProfile } from '../bench/profile.js'

const execFileAsync = promisify(execFile)

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

interface Analysis {
  samplesInWindow: number
  functionSamples: { callFrame: CallFrame; samples: number }[]
  categorySamples: Map<string, number>
}

const analyse = analyseProfile as (
  profile: unknown,
  startMicroseconds: number,
  endMicroseconds: number,
) => Analysis

function frame(id: number, functionName: string, url: string, children: number[] = []) {
  return { id, callFrame: { functionName, url, lineNumber: 9, columnNumber: 0 }, children }
}

/** root → loop (bench) → sign (dist) → createHmac (node:crypto) → digest (native), plus GC. */
const profile = {
  nodes: [
    frame(1, '(root)', '', [2, 6]),
    frame(2, 'loop', 'file:///repo/test/bench/profile-child.js', [3]),
    frame(3, 'sign', 'file:///repo/dist/node/chunk-A.js', [4, 7]),
    frame(4, 'createHmac', 'node:internal/crypto/hash', [5]),
    frame(5, 'digest', ''),
    frame(6, '(garbage collector)', ''),
    frame(7, 'set', ''),
  ],
  startTime: 1000,
  endTime: 2000,
  // Timestamps are 1100, 1200, ..., 1800, and the window below keeps 1200 to 1700.
  samples: [5, 5, 5, 7, 3, 6, 2, 5],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100],
}

describe('profile analysis', () => {
  const analysis = analyse(profile, 1200, 1700)

  it('keeps samples inside window', () => {
    expect(analysis.samplesInWindow).toBe(6)
  })

  it('counts self time per function', () => {
    const counts = new Map(
      analysis.functionSamples.map((entry) => [entry.callFrame.functionName, entry.samples]),
    )
    expect(counts.get('digest')).toBe(2)
    expect(counts.get('set')).toBe(1)
    expect(counts.get('sign')).toBe(1)
    expect(counts.get('(garbage collector)')).toBe(1)
    expect(counts.get('loop')).toBe(1)
  })

  it('charges built-ins to caller', () => {
    const categories = analysis.categorySamples
    expect(categories.get('node:crypto')).toBe(2)
    expect(categories.get('agora-keys (dist/)')).toBe(2)
    expect(categories.get('garbage collection')).toBe(1)
    expect(categories.get('benchmark loop')).toBe(1)
  })
})

describe('profile script', () => {
  let markdown = ''

  beforeAll(async () => {
    distFile('node/index.js')
    const { stdout } = await execFileAsync(
      process.execPath,
      [
        path.join(packageRoot, 'test/bench/profile.js'),
        '--seconds',
        '0.3',
        '--top',
        '3',
        'access-token-parse',
      ],
      { cwd: packageRoot, encoding: 'utf8', maxBuffer: 1 << 24 },
    )
    markdown = stdout
  }, SETUP_TIMEOUT_MS)

  it('profiles both variants', () => {
    expect(markdown).toContain('### access-token-parse, variant node\n')
    expect(markdown).toContain('### access-token-parse, variant official\n')
  })

  it('attributes time to each side', () => {
    const [ours = '', official = ''] = markdown.split('variant official')
    expect(ours).toMatch(/\| agora-keys \(dist\/\) \| [0-9.]+% \| [0-9.]+ \|/)
    expect(official).toMatch(/\| official package and its dependencies \| [0-9.]+% \|/)
  })

  it('lists the top functions', () => {
    const tables = markdown.split('| Function (self time) |').slice(1)
    expect(tables).toHaveLength(2)
    for (const text of tables) {
      const rows = text.split('\n\n')[0]?.split('\n').filter((line) => line.startsWith('| `')) ?? []
      expect(rows).toHaveLength(3)
    }
  })
})
