/**
 * Internal: the rule packs a service installs by default (2014–2018, 2021–2025, 2026–2030).
 * @module
 */
import { Pack, type RulePack } from "@khuyencong/core"
import { pack as pack2014 } from "@khuyencong/rules-2014-2018"
import { pack as pack2021 } from "@khuyencong/rules-2021-2025"
import { pack as pack2026 } from "@khuyencong/rules-2026-2030"

/** The packs installed by default. */
export const defaultPacks = (): ReadonlyArray<RulePack.RulePack> => [pack2014, pack2021, pack2026].map((p) => Pack.loadOrThrow(p))
