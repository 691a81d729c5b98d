/**
 * The root's `dynamicKey5` namespace: everything agora-keys/dynamic-key5 exports.
 * tsup builds this file as its own entry, so the namespace object lands in a
 * chunk without DynamicKey5's functions and a bundler drops it when only named
 * functions are imported.
 * @module
 */
export * from '../dynamic-key5/index.js'
