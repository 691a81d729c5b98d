// Throughput measurement for test/bench/run.js, on top of tinybench.
//
// One tinybench iteration is a batch of calls to one operation, sized to take about
// BATCH_TARGET_MS, so that the clock is read once per batch rather than once per call.
// The batch returns its mean time per call as tinybench's `overriddenDuration`. An async
// operation is awaited before the next call starts, so its figure is sequential latency.
// A variant with `concurrency` > 1 instead starts that many calls and awaits them all,
// which measures throughput with calls in flight, as on a busy token server.
//
// Each round records two rates per variant: operations per wall-clock second, and
// operations per second of CPU time that this process used on all its threads
// (process.cpuUsage, which includes the libuv thread pool and garbage collection).
// The CPU rate stays meaningful on a shared machine where other processes take turns
// on the cores and stretch the wall-clock time.
import process from 'node:process'
import { Bench } from 'tinybench'

/** Target duration of one batch, so that reading the clock costs little per operation. */
const BATCH_TARGET_MS = 2

/** Minimum number of batches per variant and round, whatever the time budget. */
const MIN_BATCHES_PER_ROUND = 4

function isPromise(value) {
  return value !== null && typeof value === 'object' && typeof value.then === 'function'
}

/** Starts `concurrency` calls of `operation` and waits for all of them. */
function runConcurrently(operation, concurrency) {
  const pending = new Array(concurrency)
  for (let i = 0; i < concurrency; i++) pending[i] = operation()
  return Promise.all(pending)
}

/**
 * Returns a function that runs one batch of `count` units and resolves to the elapsed
 * milliseconds. A unit is one call, or `concurrency` calls started together.
 */
function batchRunner(variant, isAsync, now) {
  const { run, concurrency = 1 } = variant
  if (concurrency > 1) {
    return async (count) => {
      const start = now()
      for (let i = 0; i < count; i++) await runConcurrently(run, concurrency)
      return now() - start
    }
  }
  if (isAsync) {
    return async (count) => {
      const start = now()
      for (let i = 0; i < count; i++) await run()
      return now() - start
    }
  }
  return (count) => {
    const start = now()
    for (let i = 0; i < count; i++) run()
    return now() - start
  }
}

/**
 * Prepares one variant: checks once whether it returns a Promise, then doubles the
 * batch size until one batch takes BATCH_TARGET_MS.
 */
async function calibrate(variant, now) {
  const first = variant.run()
  const isAsync = isPromise(first)
  if (isAsync) await first
  const runBatch = batchRunner(variant, isAsync, now)
  let units = 1
  while ((await runBatch(units)) < BATCH_TARGET_MS && units < 1 << 20) units *= 2
  return { isAsync, units, runBatch, operationsPerUnit: variant.concurrency ?? 1 }
}

/** Runs whole batches for at least `durationMs`, untimed, so that the JIT settles. */
async function warmUp(timer, durationMs, now) {
  const start = now()
  while (now() - start < durationMs) await timer.runBatch(timer.units)
}

/**
 * Adds one variant to a tinybench Bench as a batched task. The task adds the operations
 * it completes and the CPU time it uses to `tally`.
 */
function addTask(bench, variant, timer, tally) {
  const operations = timer.units * timer.operationsPerUnit
  const record = (elapsedMs, cpuBefore) => {
    const cpu = process.cpuUsage(cpuBefore)
    tally.operations += operations
    tally.cpuMs += (cpu.user + cpu.system) / 1000
    return { overriddenDuration: elapsedMs / operations, overriddenIterationCost: elapsedMs }
  }
  const task = timer.isAsync
    ? async () => {
        const cpuBefore = process.cpuUsage()
        return record(await timer.runBatch(timer.units), cpuBefore)
      }
    : () => {
        const cpuBefore = process.cpuUsage()
        return record(timer.runBatch(timer.units), cpuBefore)
      }
  bench.add(variant.id, task, { async: timer.isAsync })
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
 * Times every variant of one group in rounds. Each round is one tinybench run over all
 * variants, and the starting variant rotates from round to round. Slow drift of the
 * machine (frequency scaling, noisy neighbours) therefore falls on all variants alike,
 * and a per-round ratio compares samples taken in the same round.
 *
 * @param {{ id: string, run: () => unknown, concurrency?: number }[]} variants
 * @param {{ warmupMs: number, sampleMs: number, rounds: number }} settings
 * @returns {Promise<Map<string, { isAsync: boolean, wall: number[], cpu: number[] }>>}
 *   per variant id, the operations per wall-clock second and per CPU second of each round
 */
export async function timeGroup(variants, settings) {
  const clock = new Bench()
  const now = clock.now
  const timers = new Map()
  for (const variant of variants) {
    const timer = await calibrate(variant, now)
    await warmUp(timer, settings.warmupMs, now)
    timers.set(variant.id, { ...timer, wall: [], cpu: [] })
  }
  for (let round = 0; round < settings.rounds; round++) {
    const bench = new Bench({
      name: `round ${String(round + 1)}`,
      time: settings.sampleMs,
      iterations: MIN_BATCHES_PER_ROUND,
      warmup: false,
      throws: true,
    })
    const tallies = new Map()
    for (let offset = 0; offset < variants.length; offset++) {
      const variant = variants[(round + offset) % variants.length]
      const tally = { operations: 0, cpuMs: 0 }
      tallies.set(variant.id, tally)
      addTask(bench, variant, timers.get(variant.id), tally)
    }
    await bench.run()
    for (const task of bench.tasks) {
      if (task.result.state !== 'completed') {
        throw new Error(`benchmark task ${task.name} ended in state ${task.result.state}`)
      }
      const tally = tallies.get(task.name)
      const timer = timers.get(task.name)
      // tinybench's period is the mean time per operation over this round's batches.
      timer.wall.push(1000 / task.result.period)
      timer.cpu.push((tally.operations / tally.cpuMs) * 1000)
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
