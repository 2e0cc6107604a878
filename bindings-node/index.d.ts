// @benchcore/node: the same functions and shapes as @benchcore/wasm (declared, with the JSON
// shapes, in bindings-wasm/types.d.ts), plus `parsePath`, which reads the file system.
export * from "../bindings-wasm/types";
import type { ParseOptions, Run } from "../bindings-wasm/types";

/**
 * Parse a result file or directory on disk. `DIR@NAME` picks a criterion baseline inside
 * `DIR` (a path that exists as written is taken as is); an explicit `options.baseline` wins.
 * The path as given (without `@NAME`) becomes `source.path`.
 */
export declare function parsePath(path: string, options?: ParseOptions): Run;

/** Which implementation answered: the native addon, or the WebAssembly fallback. */
export declare const backend: "native" | "wasm";

/** Why the native addon did not load, when the fallback is in use after a failed load. */
export declare const nativeLoadError: Error | undefined;
