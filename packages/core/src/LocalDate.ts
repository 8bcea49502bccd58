export type LocalDate = string & { readonly __brand: "LocalDate" }
