/*
 * A webpack loader for the modules in the workflow bundle that the worker evaluates once and shares
 * between all workflows (engine/worker.ts, preloadModules: the domain, the entity definitions and views).
 * The SDK deep-freezes what it preloads, but a zod schema cannot be frozen: it builds its methods and
 * internals on first use. So a shared module freezes its own exports object once it has been evaluated (the SDK stops at an object
 * that is frozen already) and, beneath it, every plain object and array it exports (the catalogue, the
 * texts, the constants): those stay as immutable as the SDK would make them, so no workflow can change
 * what another one reads. Schemas, functions and class instances are left as they are.
 */
const share = `
;(function freezeShared(exports) {
  const freeze = (value, seen) => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return;
    if ("_zod" in value) return;
    seen.add(value);
    for (const key of Object.keys(value)) freeze(value[key], seen);
    Object.freeze(value);
  };
  const seen = new Set();
  for (const key of Object.keys(exports)) freeze(exports[key], seen);
  Object.freeze(exports);
})(__webpack_module__.exports);
`;

module.exports = function sharedModuleLoader(source) {
  return source + share;
};
