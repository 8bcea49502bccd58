/**
 * The register tab (Sổ đăng ký / A register): a mount point. Another engineer builds the tab in
 * this folder (a register appraised in the browser); the page shows this placeholder until then.
 */
export function RegisterTab() {
  return (
    <section aria-labelledby="register-title" class="panel">
      <h2 id="register-title">
        Sổ đăng ký <span class="en">A register</span>
      </h2>
      <p>
        Đang xây dựng. <span class="en">Being built.</span>
      </p>
    </section>
  )
}
