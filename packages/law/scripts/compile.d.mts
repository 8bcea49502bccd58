/** Compile the YAML corpus under `dir` (default: this package's `corpus/`). */
export declare const compile: (dir?: string) => { readonly json: string; readonly problems: ReadonlyArray<string> }
