import { RE2JS } from "re2js";

/**
 * The regular-expression engine for blueprint `pattern`s: RE2 semantics (linear time in the
 * input, no backtracking), so a pattern like `^(a+)+$` cannot freeze the process on a long string.
 * Patterns RE2 cannot express (backreferences, lookaround) fail to compile, and the blueprint write
 * that carries them is refused with a field error.
 */
export function linearRegExp(pattern: string): { test: (input: string) => boolean } {
  const re = RE2JS.compile(pattern);
  return { test: (input: string) => re.test(input) };
}
// ajv's standalone code generation names the engine by this; plain compilation calls the function.
linearRegExp.code = 'require("re2js").RE2JS.compile';
