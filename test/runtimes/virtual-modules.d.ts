// Modules that test/runtimes/bundle.ts supplies when it bundles an entry.

declare module 'virtual:agora-keys' {
  /** The root export of agora-keys, as the runtime under test resolved it. */
  const library: Readonly<Record<string, unknown>>
  export default library
}

declare module 'virtual:vectors' {
  /** Every kind file of vectors/, parsed. */
  const files: readonly import('./suite.js').VectorFile[]
  export default files
}
