// Timing harness for test/bench/run.js. It measures throughput of one operation called
// back to back. An async operation is awaited before the next call starts, so its figure
// is sequential latency, not concurrent throughput. Each sample records two rates:
// operations per wall-clock second, and operations per second of CPU time that this
// process used on all its threads (process.cpuUsage, which includes the libuv thread
// pool and garbage collection). The CPU rate stays meaningful on a shared machine where
// other processes take turns on the cores and stretch the wall-clock time.
import { performance } from 'node:perf_hooks'
import process from 'node:process'

/** Target duration of one batch, so that reading the clock costs little per operation. */
const BATCH_TARGET_MS = 2

function isPromise(value) {
  return value !== null && typeof value === 'object' && typeof value.then === 'function'
}

/** Calls a synchronous operation `count` times and returns the elapsed milliseconds. */
function runSyncBatch(operation, count) {
  const start = performance.now()
  for (let i = 0; i < count; i++) operation()
  return performance.now() - start
}

/** Calls and awaits an async operation `count` times and returns the elapsed milliseconds. */
async function runAsyncBatch(operation, count) {
  const start = performance.now()
  for (let i = 0; i < count; i++) await operation()
  return performance.now() - start
}

/**
 * Prepares one variant for timing: checks once whether it returns a Promise, then
 * doubles the batch size until one batch takes BATCH_TARGET_MS.
 */
async function calibrate(variant) {
  const first = variant.run()
  const isAsync = isPromise(first)
  if (isAsync) await first
  const runBatch = isAsync
    ? (count) => runAsyncBatch(variant.run, count)
    : (count) => Promise.resolve(runSyncBatch(variant.run, count))
  let batchSize = 1
  while ((await runBatch(batchSize)) < BATCH_TARGET_MS && batchSize < 1 << 20) batchSize *= 2
  return { isAsync, batchSize, runBatch }
}

/** Runs whole batches for at least `durationMs` and returns the wall-clock and CPU rates. */
async function sample(timer, durationMs) {
  let operations = 0
  let elapsedMs = 0
  const cpuBefore = process.cpuUsage()
  while (elapsedMs < durationMs) {
    elapsedMs += await timer.runBatch(timer.batchSize)
    operations += timer.batchSize
  }
  const cpu = process.cpuUsage(cpuBefore)
  const cpuMs = (cpu.user + cpu.system) / 1000
  return { wall: (operations / elapsedMs) * 1000, cpu: (operations / cpuMs) * 1000 }
}

/** Returns the median: the middle value, or the mean of the two middle values. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * Summarises samples as median, min, max and spread, where spread is
 * (max - min) / median in percent.
 */
export function summarise(values) {
  const middle = median(values)
  const min = Math.min(...values)
  const max = Math.max(...values)
  return { median: middle, min, max, spreadPercent: ((max - min) / middle) * 100 }
}

/**
 * Times every variant of one group in rounds. Each round takes one sample of each
 * variant, and the starting variant rotates from round to round. Slow drift of the
 * machine (frequency scaling, noisy neighbours) therefore falls on all variants alike,
 * and a per-round ratio compares samples taken less than a second apart.
 *
 * @param {{ id: string, run: () => unknown }[]} variants
 * @param {{ warmupMs: number, sampleMs: number, samples: number }} settings
 * @returns {Promise<Map<string, { isAsync: boolean, wall: number[], cpu: number[] }>>}
 *   per variant id, the operations per wall-clock second and per CPU second of each round
 */
export async function timeGroup(variants, settings) {
  const timers = new Map()
  for (const variant of variants) {
    const timer = await calibrate(variant)
    await sample(timer, settings.warmupMs)
    timers.set(variant.id, { ...timer, wall: [], cpu: [] })
  }
  for (let round = 0; round < settings.samples; round++) {
    for (let offset = 0; offset < variants.length; offset++) {
      const variant = variants[(round + offset) % variants.length]
      const timer = timers.get(variant.id)
      const rates = await sample(timer, settings.sampleMs)
      timer.wall.push(rates.wall)
      timer.cpu.push(rates.cpu)
    }
  }
  const results = new Map()
  for (const [id, timer] of timers) {
    results.set(id, { isAsync: timer.isAsync, wall: timer.wall, cpu: timer.cpu })
  }
  return results
}

/**
 * Divides the rates of `ours` by those of `official` round by round and summarises
 * the ratios. Above 1 means `ours` completed more operations per second.
 */
export function pairedRatio(ours, official) {
  return summarise(ours.map((value, round) => value / official[round]))
}
