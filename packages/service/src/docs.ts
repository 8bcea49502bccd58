/**
 * The interactive API page at `/docs`: Scalar's API reference over the service's OpenAPI
 * document, with the copy of Scalar that effect bundles (`HttpApiScalar.layer`, no CDN): an empty
 * `HttpApi` whose generated OpenAPI is replaced by the service's own (`OpenApi.Transform`), rendered
 * once through `HttpRouter.toWebHandler` and kept. When that fails (another effect version), a
 * small page linking `/openapi.json` is served instead.
 * @since 0.2.0
 */
import { Layer } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import { HttpApi, HttpApiScalar, OpenApi } from "effect/http-api"

const pages = new WeakMap<object, Promise<string>>()

const render = async (doc: Record<string, unknown>): Promise<string> => {
  const api = HttpApi.make("khuyencong").annotate(OpenApi.Transform, () => doc)
  const { handler, dispose } = HttpRouter.toWebHandler(HttpApiScalar.layer(api, { path: "/docs" }).pipe(Layer.provide(HttpServer.layerServices)), {
    disableLogger: true
  })
  try {
    const res = await handler(new Request("http://service.invalid/docs"))
    if (res.status !== 200) throw new Error(`HttpApiScalar answered ${res.status}`)
    return await res.text()
  } finally {
    await dispose()
  }
}

const fallback = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>khuyencong service API</title></head>
<body><h1>khuyencong service</h1>
<p>OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a>. Writes need <code>Authorization: Bearer &lt;token&gt;</code>. See docs/service.md.</p>
</body></html>
`

/** The HTML of the API page for `doc` (rendered on first use, then kept). */
export const docsPage = (doc: Record<string, unknown>, log: (e: unknown) => void = () => {}): Promise<string> => {
  let page = pages.get(doc)
  if (page === undefined) {
    page = render(doc).catch((e: unknown) => {
      log(e)
      return fallback
    })
    pages.set(doc, page)
  }
  return page
}
