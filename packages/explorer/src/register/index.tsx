/**
 * The register tab (Sổ đăng ký, thẩm định / A register, appraised), loaded when it is first shown:
 * reading and writing .xlsx brings exceljs's browser build (about 0,9 MB), which the law and
 * evaluation tabs do not need, so it is a chunk of its own (./RegisterView.tsx).
 */
import type { ComponentType } from "preact"
import { useEffect, useState } from "preact/hooks"
import { Bi } from "../ui/text.js"

export function RegisterTab() {
  const [View, setView] = useState<ComponentType | undefined>(undefined)
  const [failed, setFailed] = useState<string | undefined>(undefined)
  useEffect(() => {
    let live = true
    import("./RegisterView.js").then(
      (m) => {
        if (live) setView(() => m.RegisterView)
      },
      (e: unknown) => {
        if (live) setFailed(e instanceof Error ? e.message : String(e))
      }
    )
    return () => {
      live = false
    }
  }, [])
  if (View !== undefined) return <View />
  return (
    <section aria-labelledby="register-title" class="panel" aria-busy={failed === undefined}>
      <h2 id="register-title">
        <Bi vi="Sổ đăng ký đề án, thẩm định" en="A register, appraised" />
      </h2>
      <p role="status">{failed === undefined ? "Đang tải… / Loading…" : `Không tải được / Could not load: ${failed}`}</p>
    </section>
  )
}
