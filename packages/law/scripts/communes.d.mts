/** The communes.json text the shared data under `dir` gives, with counts; throws when the data disagrees with corpus.json's units. */
export declare const generate: (dir?: string) => {
  readonly text: string
  readonly counts: { readonly old: number; readonly oldNames: number; readonly repeated: number; readonly new: number }
}
