// A module for a browser page. The test driver imports it and calls run().
import library from 'virtual:agora-keys'
import vectorFiles from 'virtual:vectors'
import { describeRuntime, runConformance, type ConformanceReport } from '../suite.js'

/** Runs the suite in this page. */
export function run(): Promise<ConformanceReport> {
  return runConformance(library, vectorFiles, describeRuntime())
}
