/** The shared administrative-unit data beside the repository (../shared/data/admin-units). */
export declare const SHARED: string
/** The corpus/admin-units/*.yaml files the shared data under `dir` gives, by file name; throws when the data is inconsistent. */
export declare const generate: (dir?: string) => { readonly files: Readonly<Record<string, string>> }
