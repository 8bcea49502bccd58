/** iconv-lite's generated single-byte tables (a CommonJS data module without types of its own). */
declare module "iconv-lite/encodings/sbcs-data-generated.js" {
  const tables: { readonly tcvn: { readonly type: string; readonly chars: string } } & Readonly<Record<string, { readonly type: string; readonly chars: string }>>
  export default tables
}
