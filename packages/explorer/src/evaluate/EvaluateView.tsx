export function EvaluateView() {
  return <p>…</p>
}
