/**
 * Advance schedule (tạm ứng kinh phí khuyến công quốc gia) of the 2021–2025 pack: Circular
 * 36/2013/TT-BCT Art. 13–15 as amended by Circular 17/2018/TT-BCT Art. 1 cl. 13–14.
 *
 * Tiers: 30 % for industrial-cluster infrastructure and cluster pollution treatment after a
 * progress report of more than 50 % (S); 70 % for soft activities (S); 70 % for fairs, media and
 * cluster planning (S); 70 % for investment activities after more than 70 % of the investment
 * (value of the original text, unconfirmed under 17/2018); 100 % for enterprise set-up after
 * base-level acceptance and business registration (unconfirmed under 17/2018); the relocation
 * interest subsidy on the acceptance record (Art. 15.1, no ratio stated). The remainder is advanced
 * after base-level acceptance (nghiệm thu cơ sở). The 70 % overall ceiling of Joint Circular
 * 26/2014 Art. 8.2.b is encoded, unconfirmed, and conflicts with the 100 % tier.
 *
 * @since 0.1.0
 */
import type { RulePack } from "@khuyencong/core"
import { cite } from "./internal/build.js"
import { circular36 } from "./instruments.js"

const PD = "codification-khuyen-cong.md"
const NOTES = "rules-2018-2025-notes.md"
const FOLLOWUP = "confirmations-followup.md"
const AMENDED = "as amended by Circular 17/2018/TT-BCT Art. 1 cl. 13–14 (S: BG-ADV, CT-ADV)"

/**
 * The advance schedule. Tier ids: `cluster`, `soft`, `promotion`, `investment`,
 * `enterprise-setup`, `relocation-interest`.
 * @example `advances.tiers.map((t) => t.id)` → `["cluster", "soft", "promotion", "investment", "enterprise-setup", "relocation-interest"]`
 * @category advances
 * @since 0.1.0
 */
export const advances: RulePack.AdvanceSchedule = {
  tiers: [
    {
      id: "cluster",
      name: "30 % first advance: industrial-cluster infrastructure and cluster pollution treatment, after more than 50 % of the supported item's workload",
      firstAdvance: "advance.cluster.first",
      condition: { kind: "progress-over", threshold: "advance.cluster.progress-threshold" },
      citation: cite(circular36, {
        article: "13",
        clause: "1",
        grade: "secondary",
        note: `Art. 13.1 ${AMENDED}.`,
        source: `${PD} l.1063–1067; ${NOTES} §3 (l.107); ${FOLLOWUP} B 6.7b (l.73)`
      })
    },
    {
      id: "soft",
      name: "70 % first advance: vocational training, consultancy, training, conferences, study tours, trademarks, associations, linkage clusters, cleaner-production assessment, showrooms",
      firstAdvance: "advance.soft.first",
      condition: { kind: "none" },
      citation: cite(circular36, {
        article: "13",
        clause: "2",
        grade: "secondary",
        note: `Art. 13.2.a–b ${AMENDED}; showrooms at rural establishments added by 17/2018.`,
        source: `${PD} l.1069–1077; ${NOTES} §3 (l.108); ${FOLLOWUP} B 6.7b (l.73)`
      })
    },
    {
      id: "promotion",
      name: "70 % first advance: fairs, domestic fair participation, television and radio, databases and websites, leaflets, industrial-cluster detailed planning",
      firstAdvance: "advance.promotion.first",
      condition: { kind: "none" },
      citation: cite(circular36, {
        article: "13",
        clause: "2",
        point: "c",
        grade: "secondary",
        note: `Art. 13.2.c ${AMENDED}.`,
        source: `${PD} l.1079–1081; ${NOTES} §3 (l.109); ${FOLLOWUP} B 6.7b (l.73)`
      })
    },
    {
      id: "investment",
      name: "70 % first advance: demonstration models, machinery and technology transfer, pollution treatment at rural establishments, after more than 70 % of the project's investment",
      firstAdvance: "advance.investment.first",
      condition: { kind: "progress-over", threshold: "advance.investment.progress-threshold" },
      citation: cite(circular36, {
        article: "13",
        clause: "2",
        point: "d",
        grade: "unconfirmed",
        note: "Original text of Circular 36/2013 Art. 13.2.d (primary before Circular 17/2018); the amended excerpts do not show this tier, so its ratio and condition under 17/2018 are unconfirmed.",
        source: `${PD} l.1083–1085; ${NOTES} §3 (l.110); ${FOLLOWUP} B 6.7b (l.73)`
      })
    },
    {
      id: "enterprise-setup",
      name: "100 % advance: setting up a rural industrial enterprise, after base-level acceptance and business registration",
      firstAdvance: "advance.enterprise-setup.first",
      condition: { kind: "base-acceptance-and-registration" },
      citation: cite(circular36, {
        article: "13",
        clause: "3",
        grade: "unconfirmed",
        note: "Original text of Circular 36/2013 Art. 13.3 (primary before Circular 17/2018); unconfirmed under 17/2018. Conflicts with the 70 % overall ceiling (advance.overall-ceiling).",
        source: `${PD} l.1087–1091; ${NOTES} §3 (l.111); ${FOLLOWUP} B 6.7b (l.73)`
      })
    },
    {
      id: "relocation-interest",
      name: "Relocation interest subsidy: advanced on the base-level acceptance record and proof of interest paid in the first two years",
      firstAdvance: "advance.relocation-interest.first",
      condition: { kind: "base-acceptance" },
      citation: cite(circular36, {
        article: "15",
        clause: "1",
        grade: "unconfirmed",
        note: "Art. 15.1 lists the dossier (base-level acceptance record, completion report, credit contract, proof of interest paid in the first two years) and states no ratio; the 100 % of advance.relocation-interest.first is this pack's reading. Whether 17/2018 changed Art. 15 is unconfirmed.",
        source: `${PD} l.1155`
      })
    }
  ],
  remainder: {
    condition: { kind: "base-acceptance" },
    citation: cite(circular36, {
      article: "14",
      grade: "unconfirmed",
      note: "The remaining amount is advanced once the project is complete and has passed base-level acceptance (nghiệm thu cơ sở), with the closing documents. Original text (primary before Circular 17/2018); unconfirmed under 17/2018. Art. 15.2 adds further advances by progress for multi-year projects.",
      source: `${PD} l.1105, l.1157–1163; ${NOTES} §3 (l.112)`
    })
  },
  overallCeiling: "advance.overall-ceiling"
}
