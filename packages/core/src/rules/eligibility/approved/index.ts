/**
 * Internal: the `approved` eligibility rule kind, per proposal: the proposal (đề án) carries an
 * approval (phê duyệt) by the competent authority, i.e. an approval date (Joint Circular 26/2014
 * art. 7).
 *
 * Roles: none.
 * @module
 */
import { proposalKind } from "../Kind.js"

export const approved = proposalKind({
  kind: "approved",
  roles: {},
  compile(_config, out) {
    const yes = out.put("passed", "approved/yes", "the proposal (đề án) has been approved (được phê duyệt) by the competent authority")
    const no = out.put("failed", "approved/no", "the proposal (đề án) carries no approval (chưa được phê duyệt)")
    return { pass: yes, check: (p) => (p.approvalDate === undefined ? no : yes) }
  }
})
