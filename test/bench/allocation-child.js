// Measures the bytes allocated per operation for every variant of the speed groups.
// test/bench/allocation.js starts this script in its own Node process with --expose-gc
// and a young generation large enough that a whole measurement window fits in it:
//
//   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 \
//     test/bench/allocation-child.js '{"windows":5,"windowMs":150,"groups":null}'
//
// A window collects garbage twice, reads process.memoryUsage(), runs N operations
// back to back (awaiting each async one), and reads it again. With no garbage
// collection in between, the heapUsed delta is what the N operations allocated on the
// V8 heap. The arrayBuffers delta is what they allocated outside the heap for
// ArrayBuffer contents, where Node's Buffer pool counts in 8 KiB slabs. v8.GCProfiler
// lists the collections that ran inside each window, synchronously when the window
// ends. Windows with one are dropped, and the report gives how many were left.
// Prints JSON.
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import v8 from 'node:v8'
import { loadSpeedGroups } from './speed-cases.js'
import { median } from './timing.js'

/** Most bytes one window may allocate: a quarter of the 64 MiB semi-space set by allocation.js. */
const WINDOW_BYTES_MAX = 16 * 1024 * 1024
const PROBE_OPERATIONS = 200
const MIN_OPERATIONS = 100
const MAX_OPERATIONS = 50_000

const gc = globalThis.gc
if (typeof gc !== 'function') {
  throw new Error('allocation-child.js needs --expose-gc; run it through test/bench/allocation.js')
}


function isPromise(value) {
  return value !== null && typeof value === 'object' && typeof value.then === 'function'
}

/** Runs one window of `count` operations and returns its deltas and its time span. */
async function window(run, isAsync, count) {
  gc()
  gc()
  const profiler = new v8.GCProfiler()
  profiler.start()
  const before = process.memoryUsage()
  const start = performance.now()
  if (isAsync) {
    for (let i = 0; i < count; i++) await run()
  } else {
    for (let i = 0; i < count; i++) run()
  }
  const end = performance.now()
  const after = process.memoryUsage()
  const collections = profiler.stop().statistics.length
  return {
    heapBytes: (after.heapUsed - before.heapUsed) / count,
    arrayBufferBytes: (after.arrayBuffers - before.arrayBuffers) / count,
    msPerOperation: (end - start) / count,
    collections,
  }
}

/** Measures one operation: a probe sizes the windows, then `windows` windows run. */
async function measure(run, settings) {
  const first = run()
  const isAsync = isPromise(first)
  if (isAsync) await first
  // Untimed calls first, so that the JIT has compiled the code before the probe.
  const warmUpEnd = performance.now() + settings.windowMs
  while (performance.now() < warmUpEnd) {
    if (isAsync) await run()
    else run()
  }

  const probe = await window(run, isAsync, PROBE_OPERATIONS)
  const bytesPerOperation = Math.max(probe.heapBytes + probe.arrayBufferBytes, 1)
  const count = Math.round(
    Math.min(
      MAX_OPERATIONS,
      Math.max(
        MIN_OPERATIONS,
        Math.min(WINDOW_BYTES_MAX / bytesPerOperation, settings.windowMs / probe.msPerOperation),
      ),
    ),
  )

  const cleanWindows = []
  let dropped = 0
  for (let i = 0; i < settings.windows; i++) {
    const result = await window(run, isAsync, count)
    if (result.collections > 0) dropped += 1
    else cleanWindows.push(result)
  }

  const medianOf = (key) =>
    cleanWindows.length === 0 ? null : median(cleanWindows.map((result) => result[key]))
  return {
    operationsPerWindow: count,
    windowsKept: cleanWindows.length,
    windowsDropped: dropped,
    heapBytes: medianOf('heapBytes'),
    arrayBufferBytes: medianOf('arrayBufferBytes'),
  }
}

async function main() {
  const settings = JSON.parse(process.argv[2] ?? '{}')
  const only = settings.groups === null ? undefined : new Set(settings.groups)
  const groups = await loadSpeedGroups(only)
  // An operation that allocates one object with two fields per call, so that a reader
  // can see how close the method comes to a known size. The ring keeps the objects
  // reachable, so the optimizing compiler cannot remove the allocation.
  const ring = new Array(1024).fill(undefined)
  let next = 0
  const calibration = await measure(() => {
    next = (next + 1) & 1023
    ring[next] = { a: next, b: 0 }
  }, settings)
  const results = []
  for (const group of groups) {
    process.stderr.write(`allocation of ${group.title}\n`)
    for (const variant of group.variants) {
      if ((variant.concurrency ?? 1) > 1) continue
      results.push({ group: group.id, variant: variant.id, ...(await measure(variant.run, settings)) })
    }
  }
  process.stdout.write(JSON.stringify({ calibration, results }))
}

await main()
