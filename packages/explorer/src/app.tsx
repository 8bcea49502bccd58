/**
 * The page: three tabs (the law at a date, a proposal evaluated, a register), chosen by the
 * location hash so that deep links work from a static server.
 */
import { EvaluateView } from "./evaluate/EvaluateView.js"
import { LawView } from "./law/LawView.js"
import { RegisterTab } from "./register/index.js"
import { format, useRoute, type Route } from "./route.js"
import { L } from "./ui/text.js"

const TABS: ReadonlyArray<{ readonly tab: Route["tab"]; readonly label: readonly [string, string] }> = [
  { tab: "law", label: L.tabLaw },
  { tab: "evaluate", label: L.tabEvaluate },
  { tab: "register", label: L.tabRegister }
]

export function App() {
  const route = useRoute()
  return (
    <>
      <a class="skip" href="#main">
        Đến nội dung / Skip to content
      </a>
      <header>
        <h1>
          <span lang="vi">{L.title[0]}</span>
          <span class="en">{L.title[1]}</span>
        </h1>
        <nav aria-label="Trang / Pages">
          <ul class="tabs">
            {TABS.map((t) => (
              <li key={t.tab}>
                <a href={format({ tab: t.tab } as Route)} aria-current={route.tab === t.tab ? "page" : undefined} data-tab={t.tab}>
                  <span lang="vi">{t.label[0]}</span>
                  <span class="en">{t.label[1]}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        {route.tab === "law" ? <LawView id={route.id} date={route.date} q={route.q} /> : route.tab === "evaluate" ? <EvaluateView /> : <RegisterTab />}
      </main>
    </>
  )
}
