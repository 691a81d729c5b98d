// Runs the suite once and prints the report as one JSON line (Node, Deno, Bun).
import library from 'virtual:agora-keys'
import vectorFiles from 'virtual:vectors'
import { describeRuntime, runConformance } from '../suite.js'

const report = await runConformance(library, vectorFiles, describeRuntime())
console.log(JSON.stringify(report))
