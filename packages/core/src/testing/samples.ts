/**
 * Samples: valid inputs in their JSON form (the encoded form the validators read), for examples and
 * tests that need one concrete record rather than an arbitrary. Override any field.
 * @since 0.2.0
 * @module
 */

import type { Json } from "./invalid.js"

/**
 * A small enterprise (doanh nghiệp nhỏ) making handicrafts in a commune of Thái Nguyên, recorded
 * before the 2025 reorganisation (with its district), as JSON: `Establishment.decode` accepts it.
 * Pass fields to replace (a replaced `location` replaces the whole location).
 * @category samples
 * @since 0.2.0
 * @example `establishmentJson({ id: "e2", workforce: 60 }).workforce` → `60`
 */
export const establishmentJson = (overrides: { readonly [k: string]: Json | undefined } = {}): { readonly [k: string]: Json | undefined } => ({
  id: "e1",
  name: "Công ty TNHH Mây tre đan Phú Lương",
  legalForm: { kind: "enterprise", size: "small" },
  taxCode: "0100109106",
  location: {
    provinceCode: "19",
    provinceName: "Thái Nguyên",
    district: "Phú Lương",
    commune: { name: "Xã Phấn Mễ", kind: "commune" },
    difficultArea: "none",
    poorDistrict: false,
    newRuralCommune: false,
    highland: false,
    island: false,
    border: false,
    ethnicMinorityArea: false
  },
  industry: { code: "tieu-thu-cong-nghiep" },
  workforce: 25,
  hasExportContract: false,
  cleanerProduction: false,
  womenOwned: false,
  ethnicMinorityOwned: false,
  ...overrides
})
