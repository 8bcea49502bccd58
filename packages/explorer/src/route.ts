/**
 * Hash routing, so that deep links work from a static server: `#/law/<parameter-id>?date=…&q=…`,
 * `#/evaluate`, `#/register`. Figures of an evaluation link into the law view this way.
 */
import { useEffect, useState } from "preact/hooks"

export type Route =
  | { readonly tab: "law"; readonly id?: string; readonly date?: string; readonly q?: string }
  | { readonly tab: "evaluate" }
  | { readonly tab: "register" }

/** The route of a location hash (`#/law/support.machinery.cap?date=2026-03-01`). */
export const parse = (hash: string): Route => {
  const h = hash.replace(/^#\/?/, "")
  const [path = "", query = ""] = h.split("?", 2)
  const [tab, ...rest] = path.split("/")
  if (tab === "evaluate") return { tab: "evaluate" }
  if (tab === "register") return { tab: "register" }
  const q = new URLSearchParams(query)
  const id = rest.length > 0 && rest.join("/") !== "" ? decodeURIComponent(rest.join("/")) : undefined
  const date = q.get("date") ?? undefined
  const text = q.get("q") ?? undefined
  return { tab: "law", ...(id === undefined ? {} : { id }), ...(date === undefined ? {} : { date }), ...(text === undefined ? {} : { q: text }) }
}

/** The hash of a route. */
export const format = (r: Route): string => {
  if (r.tab !== "law") return `#/${r.tab}`
  const q = new URLSearchParams()
  if (r.date !== undefined) q.set("date", r.date)
  if (r.q !== undefined && r.q !== "") q.set("q", r.q)
  const s = q.toString()
  return `#/law${r.id === undefined ? "" : `/${encodeURIComponent(r.id)}`}${s === "" ? "" : `?${s}`}`
}

/** The link to a parameter or rule of the law view at a date. */
export const lawLink = (id: string, date?: string): string => format({ tab: "law", id, ...(date === undefined ? {} : { date }) })

/** The current route, following `hashchange`. */
export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parse(location.hash))
  useEffect(() => {
    const on = () => setRoute(parse(location.hash))
    addEventListener("hashchange", on)
    return () => removeEventListener("hashchange", on)
  }, [])
  return route
}

/** Go to a route (replacing the history entry when `replace`: typing in the search box). */
export const go = (r: Route, replace = false): void => {
  const h = format(r)
  if (location.hash === h) return
  if (replace) {
    history.replaceState(null, "", h)
    dispatchEvent(new HashChangeEvent("hashchange"))
  } else location.hash = h
}
