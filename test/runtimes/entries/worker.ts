// A Worker (workerd) whose every request runs the suite and returns the report as JSON.
import library from 'virtual:agora-keys'
import vectorFiles from 'virtual:vectors'
import { describeRuntime, runConformance } from '../suite.js'

export default {
  async fetch(): Promise<Response> {
    const report = await runConformance(library, vectorFiles, describeRuntime())
    return new Response(JSON.stringify(report), {
      headers: { 'content-type': 'application/json' },
    })
  },
}
