// A Worker (workerd) for the workerd test. GET / runs the suite and returns its report as JSON.
// POST /generate takes { kind, vector } as JSON and returns, as plain text, the key or token
// that the library generates for that vector case.
import library from 'virtual:agora-keys'
import vectorFiles from 'virtual:vectors'
import { describeRuntime, generateVector, runConformance, type VectorCase } from '../suite.js'

interface GenerateRequest {
  readonly kind: string
  readonly vector: VectorCase
}

async function generate(request: Request): Promise<Response> {
  const { kind, vector } = (await request.json()) as GenerateRequest
  try {
    return new Response(await generateVector(library, kind, vector))
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const message = error instanceof Error ? error.message : String(error)
    console.error(`generating ${kind} case "${vector.name}" failed: ${String(code)} ${message}`)
    return new Response(`${String(code)}: ${message}`, { status: 500 })
  }
}

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url)
    if (request.method === 'POST' && pathname === '/generate') return generate(request)
    if (request.method !== 'GET' || pathname !== '/') return new Response('not found', { status: 404 })
    const report = await runConformance(library, vectorFiles, describeRuntime())
    return new Response(JSON.stringify(report), {
      headers: { 'content-type': 'application/json' },
    })
  },
}
