// Runs one variant of one speed group in a loop, for test/bench/profile.js, which starts
// this script under `node --cpu-prof`:
//
//   node --cpu-prof --cpu-prof-dir=DIR test/bench/profile-child.js GROUP VARIANT MS
//
// Loading the builds and checking the group's outputs (speed-cases.js) happens before the
// loop, so the script prints the loop's start and end on process.hrtime's clock, the
// clock of the profile's timestamps, and profile.js keeps only the samples in between.
// Prints JSON: { operations, startMicroseconds, endMicroseconds }.
import process from 'node:process'
import { loadSpeedGroups } from './speed-cases.js'

/** Calls per clock read, so that reading the clock stays out of the profile. */
const BATCH = 64
/** Calls before the loop, so that the loop runs optimised code. */
const WARMUP_CALLS = 2000

function isPromise(value) {
  return value !== null && typeof value === 'object' && typeof value.then === 'function'
}

function nowMicroseconds() {
  return Number(process.hrtime.bigint() / 1000n)
}

async function main() {
  const [groupId, variantId, durationText] = process.argv.slice(2)
  const durationMs = Number(durationText)
  if (groupId === undefined || variantId === undefined || !(durationMs > 0)) {
    throw new Error('usage: profile-child.js GROUP VARIANT MS')
  }
  const [group] = await loadSpeedGroups(new Set([groupId]))
  const variant = group.variants.find((candidate) => candidate.id === variantId)
  if (variant === undefined) {
    const known = group.variants.map((candidate) => candidate.id).join(', ')
    throw new Error(`group ${groupId} has no variant ${variantId}; expected one of ${known}`)
  }
  const isAsync = isPromise(variant.run())
  const run = variant.run
  for (let call = 0; call < WARMUP_CALLS; call += 1) {
    if (isAsync) await run()
    else run()
  }

  const start = nowMicroseconds()
  const end = start + durationMs * 1000
  let operations = 0
  let now = start
  while (now < end) {
    for (let call = 0; call < BATCH; call += 1) {
      if (isAsync) await run()
      else run()
    }
    operations += BATCH
    now = nowMicroseconds()
  }
  process.stdout.write(
    `${JSON.stringify({ operations, startMicroseconds: start, endMicroseconds: now })}\n`,
  )
}

await main()
