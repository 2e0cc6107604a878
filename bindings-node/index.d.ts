// @benchcore/node: the same functions and shapes as @benchcore/wasm (declared, with the JSON
// shapes, in bindings-wasm/types.d.ts), plus `parsePath`, which reads the file system.
export * from "../bindings-wasm/types";
import type { HistoryRun, ParseOptions, Run } from "../bindings-wasm/types";

/**
 * Add a run to a history directory (one file per run, named by its content id; adding the same
 * run again is a no-op). `addedAt` (RFC 3339) defaults to now. The WASM fallback does the file
 * IO in JavaScript around the core's `historyEncode` (same files, same checks).
 */
export declare function historyAdd(dir: string, run: Run, addedAt?: string): { id: string; status: "added" | "already-present"; path: string };

/**
 * Load a history directory (`LoadOptions`: `branch`, `environment`, `commit`, `since`, `until`,
 * `samples`, `strict`). Damaged files are reported in `errors`, each naming its file. The WASM
 * fallback reads the files in JavaScript and loads them with the core's `historyLoadFiles`.
 */
export declare function historyLoad(dir: string, options?: Record<string, unknown>): { runs: HistoryRun[]; errors: { code: string; message: string; file: string | null; line: number | null; field: string | null }[] };

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
