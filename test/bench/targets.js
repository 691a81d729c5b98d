// The speed targets that test/bench/RESULTS.md checks, computed from the measured ratios.
//
// 1. For every operation that the official packages also have, our fastest sequential
//    path reaches at least 2x the official package's operations per second.
// 2. Our dist/web path, awaited call by call, is no slower than the official sync path.
//
// A target counts as met when the median per-round ratio reaches the goal both in
// wall-clock time and in CPU time, and as missed when it reaches it in neither. When the
// two measures disagree, the status is "unclear" and the numbers are shown.

export const FASTEST_PATH_GOAL = 2
export const WEB_PATH_GOAL = 1

/** Returns "met", "missed" or "unclear" for one variant's ratios against a goal. */
function status(variant, goal) {
  const wallMet = variant.wallRatio.median >= goal
  const cpuMet = variant.cpuRatio.median >= goal
  if (wallMet && cpuMet) return 'met'
  if (!wallMet && !cpuMet) return 'missed'
  return 'unclear'
}

/**
 * Evaluates both targets for every timed group marked `target` that has an official
 * variant. The fastest path is our sequential variant with the highest median
 * wall-clock ratio. Variants with calls in flight are left out, because they use the
 * thread pool's cores while the official sync call uses one.
 */
export function evaluateTargets(groups) {
  const rows = []
  for (const group of groups) {
    const official = group.variants.find((variant) => variant.id === 'official')
    if (!group.target || official === undefined) continue
    const sequential = group.variants.filter(
      (variant) => variant.build !== 'official' && (variant.concurrency ?? 1) === 1,
    )
    const fastest = sequential.reduce((best, variant) =>
      variant.wallRatio.median > best.wallRatio.median ? variant : best,
    )
    const web = group.variants.find((variant) => variant.id === 'web')
    const webConcurrent = group.variants.find((variant) => variant.id === 'web-concurrent')
    rows.push({
      group: group.id,
      title: group.title,
      officialOpsPerSecond: official.wall.median,
      fastest: {
        label: fastest.label,
        wallRatio: fastest.wallRatio,
        cpuRatio: fastest.cpuRatio,
        status: status(fastest, FASTEST_PATH_GOAL),
      },
      web: {
        label: web.label,
        isAsync: web.isAsync,
        wallRatio: web.wallRatio,
        cpuRatio: web.cpuRatio,
        status: status(web, WEB_PATH_GOAL),
      },
      webConcurrent:
        webConcurrent === undefined
          ? undefined
          : { wallRatio: webConcurrent.wallRatio, cpuRatio: webConcurrent.cpuRatio },
    })
  }
  return rows
}
