/*
 * A webpack loader for zod in the workflow bundle. Modules preloaded into the worker's shared V8 context
 * are frozen by the SDK, their regular expressions included; zod resets a pattern's lastIndex before each
 * test, which a frozen pattern refuses. A frozen pattern is never global or sticky (zod's own are not,
 * and ours are literals), so its lastIndex is 0 already: the reset is skipped for it, kept for any other.
 */
module.exports = function frozenPatternLoader(source) {
  return source.replace(/(\$\{[\w$.]+\}|[\w$][\w$.]*)\.lastIndex = 0;/g, "Object.isFrozen($1) || ($1.lastIndex = 0);");
};
