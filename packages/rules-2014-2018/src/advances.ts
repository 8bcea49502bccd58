/**
 * Advance schedule (tạm ứng kinh phí khuyến công quốc gia) of the 2014–2018 pack: Circular
 * 36/2013/TT-BCT Art. 13–15 as first issued ([PD] l.1061–1163, primary), with the overall ceiling
 * of Joint Circular 26/2014/TTLT-BTC-BCT Art. 8.2.b ([PD] l.1487, primary).
 *
 * Tiers: 30 % for industrial-cluster infrastructure and cluster pollution treatment after a
 * progress report of more than 50 % of the supported item (Art. 13.1); 70 % for vocational
 * training and soft activities (Art. 13.2.a–b); 70 % for fairs, media and cluster planning
 * (Art. 13.2.c); 70 % for demonstration models, machinery and establishment pollution treatment
 * after more than 70 % of the investment (Art. 13.2.d); 100 % for enterprise set-up after
 * base-level acceptance and business registration (Art. 13.3); the relocation interest subsidy on
 * the acceptance record and proof of interest paid (Art. 15.1, no ratio stated). The remainder is
 * advanced after base-level acceptance (nghiệm thu cơ sở, Art. 14). Advances never exceed 70 % of
 * the support in the contract (Joint Circular 26/2014 Art. 8.2.b), which conflicts with the 100 %
 * tier: both are primary, the core applies the lower.
 *
 * @since 0.1.0
 */
import type { Citation, RulePack } from "@khuyencong/core"
import { cite } from "./internal/build.js"
import { circular36 } from "./instruments.js"

const PD = "codification-khuyen-cong.md"

const tt36 = (article: string, clause: string | undefined, point: string | undefined, line: string, note: string): Citation.Citation => {
  const base = { article, grade: "primary" as const, note, source: `${PD} l.${line}` }
  const withClause = clause === undefined ? base : { ...base, clause }
  return cite(circular36, point === undefined ? withClause : { ...withClause, point })
}

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
      name: "30 % first advance: industrial-cluster infrastructure and cluster pollution-treatment systems, after more than 50 % of the supported item's workload",
      firstAdvance: "advance.cluster.first",
      condition: { kind: "progress-over", threshold: "advance.cluster.progress-threshold" },
      citation: tt36("13", "1", undefined, "1063–1067", "Points a (projects) and b (dossier: contracts and a progress report showing more than 50 % of the supported item's workload done).")
    },
    {
      id: "soft",
      name: "70 % first advance: vocational training; consultancy, training, conferences, study tours, trademarks, associations, linkage clusters, cleaner-production assessment",
      firstAdvance: "advance.soft.first",
      condition: { kind: "none" },
      citation: tt36("13", "2", undefined, "1069–1077", "Points a (vocational training: contract and training plan) and b (contract and implementation plan); no progress condition.")
    },
    {
      id: "promotion",
      name: "70 % first advance: fairs, domestic fair participation, television and radio, databases and websites, leaflets, industrial-cluster detailed planning",
      firstAdvance: "advance.promotion.first",
      condition: { kind: "none" },
      citation: tt36("13", "2", "c", "1079–1081", "Dossier: the contract (and the support contract with the investor for cluster planning); no progress condition.")
    },
    {
      id: "investment",
      name: "70 % first advance: demonstration models, machinery and technology transfer, pollution treatment at rural establishments, after more than 70 % of the project's investment",
      firstAdvance: "advance.investment.first",
      condition: { kind: "progress-over", threshold: "advance.investment.progress-threshold" },
      citation: tt36("13", "2", "d", "1083–1085", "Dossier: the contract and a progress report showing work worth more than 70 % of the project's total investment.")
    },
    {
      id: "enterprise-setup",
      name: "100 % advance: setting up a rural industrial enterprise, after base-level acceptance and business registration",
      firstAdvance: "advance.enterprise-setup.first",
      condition: { kind: "base-acceptance-and-registration" },
      citation: tt36(
        "13",
        "3",
        undefined,
        "1087–1091",
        "Dossier: contract, base-level acceptance record (form 5b), completion report (form 3b), business registration certificate. Conflicts with the 70 % overall ceiling of Joint Circular 26/2014 Art. 8.2.b."
      )
    },
    {
      id: "relocation-interest",
      name: "Relocation interest subsidy: advanced on the base-level acceptance record and proof of interest paid in the first two years",
      firstAdvance: "advance.relocation-interest.first",
      condition: { kind: "base-acceptance" },
      citation: tt36(
        "15",
        "1",
        undefined,
        "1155",
        "Art. 15.1 lists the dossier (contract, base-level acceptance record, completion report, credit contract, proof of interest paid in the first two years, construction and machinery contracts) and states no ratio; the 100 % of advance.relocation-interest.first is this pack's reading (graded unconfirmed)."
      )
    }
  ],
  remainder: {
    condition: { kind: "base-acceptance" },
    citation: tt36(
      "14",
      undefined,
      undefined,
      "1105",
      "The remaining funds are advanced once the project is complete and has passed base-level acceptance (nghiệm thu cơ sở), with the acceptance record, the results report, the completion report and the documents listed per kind of project. Art. 15.2 ([PD] l.1157–1163) adds advances by progress for multi-year projects."
    )
  },
  overallCeiling: "advance.overall-ceiling"
}
