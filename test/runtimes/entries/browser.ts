// A module for a browser page. The test driver imports it and calls run().
import library from 'virtual:agora-keys'
import vectorFiles from 'virtual:vectors'
import { describeRuntime, runConformance, type ConformanceReport, type SuiteInflate } from '../suite.js'

/** Runs the suite in this page, checking "007" payloads with `inflate` when given. */
export function run(inflate?: SuiteInflate): Promise<ConformanceReport> {
  return runConformance(library, vectorFiles, describeRuntime(), inflate)
}
