/**
 * The root's `dynamicKey4` namespace: everything agora-keys/dynamic-key4 exports.
 * tsup builds this file as its own entry, so the namespace object lands in a
 * chunk without DynamicKey4's functions and a bundler drops it when only named
 * functions are imported.
 * @module
 */
export * from '../dynamic-key4/index.js'
