/** Entry of the explorer page: renders the app into `#app` and marks the first render for the benchmark. */
import { render } from "preact"
import { App } from "./app.js"
import "./style.css"

const root = document.getElementById("app")
if (root !== null) {
  render(<App />, root)
  performance.mark("khuyencong:first-render")
  document.documentElement.dataset["ready"] = "true"
}
