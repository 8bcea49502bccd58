#!/usr/bin/env bash
# Check the publishable packages the way users will get them.
#
# For every publishable package (packages/* with a package.json that is not private; a package
# built with tsc needs its dist/, @khuyencong/law ships corpus.json and its YAML sources as they are):
#   1. `pnpm pack` into a temporary directory (pnpm rewrites `workspace:^` to real versions);
#   2. check the tarball: no `workspace:` range left, no build metadata (.tsbuildinfo) shipped,
#      every file named by `exports`, `main`, `types` and `bin` present;
#   3. publint on the tarball;
#   4. attw (Are the Types Wrong?) on the tarball with the esm-only profile: the packages are
#      ESM-only on purpose, so CommonJS `require` and node10 resolution are not checked.
# Then scratch projects install the tarballs with npm, as users will (offline first, falling back
# to --prefer-offline: the registry is reachable here and in CI), each with the newest effect 4.x
# the registry has (the packages take effect as a peer):
#   5. consumer: every package (law, core, storage, cases, the three packs, adapters-excel,
#      adapters-postgres), with fast-check (the optional peer of core/testing) and @types/node,
#      and neither pg nor PGlite (the optional peers of adapters-postgres);
#   6. effect is installed once: `npm ls effect` shows the app's copy and every package deduped
#      onto it;
#   7. `node check.mjs`: plain ESM JavaScript parses money, decodes inputs, evaluates a proposal,
#      uses @khuyencong/core/testing, stores the proposal in @khuyencong/storage's memory store,
#      reads the law's corpus.json and YAML sources, loads the three packs, writes an .xlsx plan,
#      and finds that adapters-postgres loads without its drivers and names the one to install;
#   8. `tsc --noEmit` on check.ts with moduleResolution node16 and bundler, skipLibCheck off in
#      both, so the published declarations themselves are checked (the repository's TypeScript);
#   9. the `khuyencong-cases` bin of @khuyencong/cases runs: `--help`, then the 2021–2025 pack's
#      group-projects.yaml cases against the installed pack; `npx khuyencong --help` (the
#      @khuyencong/cli bin) runs and `khuyencong parameters` reads the corpus;
#  10. server: law, core, storage and adapters-postgres with pg and without PGlite (which must not
#      be installed); check.mjs opens a store on the server in DATABASE_URL when it is set (else
#      prints a note and skips that part) and gets the typed error naming PGlite when asking for
#      it; tsc as in 8; the size of node_modules is reported;
#  11. embedded: the same with PGlite (and @types/emscripten, which PGlite's own declarations
#      need) and without pg; check.mjs opens PGlite stores (always) and gets the typed error naming
#      pg when asking for a server; tsc as in 8.
#  12. service: @khuyencong/service with the packs, adapters-postgres and its drivers; check.mjs
#      starts the `khuyencong-service` bin on PGlite, reads /packs and a parameter, evaluates the
#      group project (401 without a token, 900 million đồng with one); tsc as in 8.
# Prints a short report; exits 1 on any problem (warnings do not fail).
#
# Usage: bash scripts/check-packages.sh          (after `pnpm build`; `pnpm check:packages` does both)
#        KEEP_WORK=1 bash scripts/check-packages.sh   keep the temporary directory
#        ONLY="core storage" bash scripts/check-packages.sh   pack and lint only these packages/* dirs
#                                                       (the scratch projects need every package)
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT" || exit 2
HERE="$ROOT/scripts/packaging"
BIN="$ROOT/node_modules/.bin"
for tool in tsc publint attw; do
  if [ ! -x "$BIN/$tool" ]; then
    echo "check-packages: $BIN/$tool is missing; run pnpm install first" >&2
    exit 2
  fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/khuyencong-packages.XXXXXX")"
TARBALLS="$WORK/tarballs"
LOGS="$WORK/logs"
mkdir -p "$TARBALLS" "$LOGS"

PROBLEMS=()
WARNINGS=()
REPORT=()
problem() { PROBLEMS+=("$1"); }
warning() { WARNINGS+=("$1"); }

finish() {
  local code=$1
  echo
  echo "== check-packages report"
  for line in "${REPORT[@]}"; do echo "$line"; done
  if [ ${#WARNINGS[@]} -gt 0 ]; then
    echo "warnings (${#WARNINGS[@]}):"
    for w in "${WARNINGS[@]}"; do echo "  - $w"; done
  fi
  if [ ${#PROBLEMS[@]} -gt 0 ]; then
    echo "problems (${#PROBLEMS[@]}):"
    for p in "${PROBLEMS[@]}"; do echo "  ✗ $p"; done
    echo "logs: $LOGS"
    echo "result: FAILED"
  else
    echo "result: OK"
  fi
  if [ "${KEEP_WORK:-}" = "1" ] || [ ${#PROBLEMS[@]} -gt 0 ]; then
    echo "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$code"
}

# Read a field of a package.json with node (prints nothing when absent).
field() { node -e 'const p=require(require("path").resolve(process.argv[1])); const v=process.argv[2].split(".").reduce((o,k)=>o==null?undefined:o[k],p); if(v!==undefined) console.log(typeof v==="string"?v:JSON.stringify(v))' "$1" "$2"; }

# ---------------------------------------------------------------------------------------------
# 1–4. Pack and lint every publishable package

declare -A TARBALL_OF
printf -v header '%-32s %-8s %9s  %-8s %-8s %-8s %s' "package" "version" "tarball" "files" "publint" "attw" "notes"
REPORT+=("$header")

dirs=()
if [ -n "${ONLY:-}" ]; then
  for d in $ONLY; do dirs+=("packages/$d"); done
else
  for d in packages/*/; do dirs+=("${d%/}"); done
fi

for dir in "${dirs[@]}"; do
  pj="$dir/package.json"
  [ -f "$pj" ] || continue
  name="$(field "$pj" name)"
  version="$(field "$pj" version)"
  short="$(basename "$dir")"
  if [ "$(field "$pj" private)" = "true" ]; then
    REPORT+=("$(printf '%-32s %-8s %9s  %s' "$name" "$version" "-" "skipped: private")")
    continue
  fi
  if [ -f "$dir/tsconfig.json" ] && [ ! -d "$dir/dist" ]; then
    problem "$name: no dist/ (run pnpm build)"
    REPORT+=("$(printf '%-32s %-8s %9s  %s' "$name" "$version" "-" "FAILED: no dist/ (run pnpm build)")")
    continue
  fi
  notes=()
  echo "== $name: pack"

  # A dist older than its sources would ship stale code: say so (tsc -b leaves it up to date).
  if [ -f "$dir/dist/.tsbuildinfo" ] && [ -n "$(find "$dir/src" -name '*.ts' -newer "$dir/dist/.tsbuildinfo" -print -quit 2>/dev/null)" ]; then
    warning "$name: sources newer than dist/ (run pnpm build before packing)"
    notes+=("stale?")
  fi
  # Compiled files whose source is gone are shipped all the same.
  orphans="$([ -d "$dir/dist" ] && cd "$dir" && find dist -name '*.js' 2>/dev/null | while read -r js; do src="src/${js#dist/}"; [ -f "${src%.js}.ts" ] || [ -f "${src%.js}.tsx" ] || echo "$js"; done)"
  if [ -n "$orphans" ]; then
    warning "$name: dist files without a source (left over from an earlier build, would be published): $(echo "$orphans" | tr '\n' ' ')"
    notes+=("orphans")
  fi

  if ! (cd "$dir" && pnpm pack --pack-destination "$TARBALLS") >"$LOGS/$short.pack.log" 2>&1; then
    problem "$name: pnpm pack failed (see $LOGS/$short.pack.log)"
    REPORT+=("$(printf '%-32s %-8s %9s  %s' "$name" "$version" "-" "pack FAILED")")
    continue
  fi
  tgz="$(grep -E '\.tgz$' "$LOGS/$short.pack.log" | tail -1)"
  if [ ! -f "$tgz" ]; then
    problem "$name: pnpm pack produced no tarball (see $LOGS/$short.pack.log)"
    continue
  fi
  TARBALL_OF[$short]="$tgz"
  size="$(du -k "$tgz" | cut -f1) kB"

  # 2. What the tarball holds
  files_ok="ok"
  tar -xzf "$tgz" -C "$WORK" && rm -rf "$WORK/$short.unpacked" && mv "$WORK/package" "$WORK/$short.unpacked"
  unpacked="$WORK/$short.unpacked"
  if grep -q '"workspace:' "$unpacked/package.json"; then
    problem "$name: the packed package.json still has a workspace: range"
    files_ok="FAILED"
  fi
  if [ -n "$(cd "$unpacked" && find . -name '*.tsbuildinfo' -print -quit)" ]; then
    warning "$name: the tarball ships build metadata (.tsbuildinfo); add \"!dist/.tsbuildinfo\" to files"
    notes+=("tsbuildinfo")
  fi
  missing="$(node -e '
    const fs = require("fs"), path = require("path")
    const dir = process.argv[1], p = require(path.join(dir, "package.json"))
    const targets = []
    const walk = (v) => { if (typeof v === "string") targets.push(v); else if (v && typeof v === "object") Object.values(v).forEach(walk) }
    walk(p.exports); walk(p.main); walk(p.types); walk(p.module); walk(p.bin)
    for (const t of new Set(targets)) if (!t.includes("*") && !fs.existsSync(path.join(dir, t))) console.log(t)
  ' "$unpacked")"
  if [ -n "$missing" ]; then
    problem "$name: files named in package.json are not in the tarball: $(echo "$missing" | tr '\n' ' ')"
    files_ok="FAILED"
  fi
  count="$(tar -tzf "$tgz" | wc -l | tr -d ' ')"
  notes+=("$count files")

  # 3. publint (errors and warnings fail; suggestions are reported)
  echo "== $name: publint"
  if "$BIN/publint" run "$tgz" --strict >"$LOGS/$short.publint.log" 2>&1; then
    publint_ok="ok"
    if grep -qi "suggestion" "$LOGS/$short.publint.log"; then
      warning "$name: publint suggestions: $(grep -iA3 suggestion "$LOGS/$short.publint.log" | tail -n +2 | tr '\n' ' ')"
      notes+=("suggestions")
    fi
  else
    publint_ok="FAILED"
    problem "$name: publint: $(grep -v '^Running\|^Unpacking\|^Linting' "$LOGS/$short.publint.log" | tr '\n' ' ' | cut -c1-400)"
  fi

  # 4. attw, esm-only profile (ESM-only is intended: CommonJS require and node10 are not checked)
  echo "== $name: attw"
  if "$BIN/attw" "$tgz" --profile esm-only --format ascii --no-emoji --no-color >"$LOGS/$short.attw.log" 2>&1; then
    attw_ok="ok"
  else
    attw_ok="FAILED"
    problem "$name: attw --profile esm-only: see $LOGS/$short.attw.log"
  fi

  REPORT+=("$(printf '%-32s %-8s %9s  %-8s %-8s %-8s %s' "$name" "$version" "$size" "$files_ok" "$publint_ok" "$attw_ok" "$(IFS=','; echo "${notes[*]}" | sed 's/,/, /g')")")
done

# ---------------------------------------------------------------------------------------------
# 5–11. Scratch projects install the tarballs with npm, as users will

# What every consumer needs from the tarballs: core depends on law, everything on core.
BASE_PACKAGES="law core storage"
ALL_PACKAGES="law core storage cases rules-2014-2018 rules-2021-2025 rules-2026-2030 adapters-excel adapters-postgres cli"

if [ -n "${ONLY:-}" ]; then
  for short in $ALL_PACKAGES; do
    if [ -z "${TARBALL_OF[$short]:-}" ]; then
      REPORT+=("consumer projects: skipped (ONLY packs a subset; they need every package)")
      finish $([ ${#PROBLEMS[@]} -gt 0 ] && echo 1 || echo 0)
    fi
  done
fi
for short in $ALL_PACKAGES; do
  [ -n "${TARBALL_OF[$short]:-}" ] || problem "consumer projects: packages/$short was not packed"
done
[ ${#PROBLEMS[@]} -gt 0 ] && finish 1

# The newest effect 4.x the registry has (falling back to the workspace's when it is unreachable):
# the packages take effect as a peer, so the app's copy must be the only one installed.
wanted_effect="$(npm view 'effect@^4' version --json 2>/dev/null | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    try {
      const v = [].concat(JSON.parse(s)).filter((x) => /^\d+\.\d+\.\d+$/.test(x))
      const n = (x) => x.split(".").map(Number)
      v.sort((a, b) => { const [p, q] = [n(a), n(b)]; return p[0] - q[0] || p[1] - q[1] || p[2] - q[2] })
      if (v.length > 0) console.log(v[v.length - 1])
    } catch {}
  })')"
if [ -z "$wanted_effect" ]; then
  wanted_effect="$(field packages/core/package.json devDependencies.effect)"
  warning "npm view effect failed (registry unreachable?): the consumers use effect@$wanted_effect, the workspace's"
fi
fast_check="fast-check@$(field packages/core/package.json devDependencies.fast-check)"
[ "$fast_check" = "fast-check@" ] && fast_check="fast-check@^4"
node_types="@types/node@^$(node -p 'process.versions.node.split(".")[0]')"

# make_consumer NAME SHORTS...: a scratch project with the given tarballs as ./SHORT.tgz and the
# files of scripts/packaging/consumer (package.json, tsconfigs, fixture) and scripts/packaging/NAME.
make_consumer() {
  local name=$1; shift
  local dir="$WORK/$name"
  mkdir -p "$dir"
  cp "$HERE"/consumer/package.json "$HERE"/consumer/tsconfig.*.json "$HERE"/consumer/fixture.mjs "$dir"/
  cp "$HERE/$name"/* "$dir"/
  for short in "$@"; do cp "${TARBALL_OF[$short]}" "$dir/$short.tgz"; done
}

# The helpers below leave their outcome in RESULT (not printed: a $(…) subshell would lose the
# problems they record).

# npm_install NAME SPECS...: offline first, falling back to --prefer-offline (the registry is
# reachable here and in CI). RESULT: offline, prefer-offline or FAILED.
npm_install() {
  local name=$1; shift
  local dir="$WORK/$name" log="$LOGS/$name.install.log"
  echo "== $name: npm install $*"
  if (cd "$dir" && npm install --no-audit --no-fund --no-update-notifier --offline "$@") >"$log" 2>&1; then
    RESULT="offline"
  elif (cd "$dir" && npm install --no-audit --no-fund --no-update-notifier --prefer-offline "$@") >>"$log" 2>&1; then
    RESULT="prefer-offline"
  else
    problem "$name: npm install failed (see $log)"
    RESULT="FAILED"
  fi
}

# run_node NAME: node check.mjs. RESULT: ok or FAILED.
run_node() {
  local name=$1 log="$LOGS/$1.node.log"
  echo "== $name: node check.mjs"
  if (cd "$WORK/$name" && node check.mjs) >"$log" 2>&1; then
    RESULT="ok"
  else
    problem "$name: node check.mjs failed: $( (grep -m1 -E 'Error' "$log" || tail -3 "$log") | tr '\n' ' ' | cut -c1-400)"
    RESULT="FAILED"
  fi
}

# run_tsc NAME: tsc --noEmit with moduleResolution node16 and bundler, skipLibCheck off, so the
# published declarations themselves are checked. RESULT: "tsc node16 ok, tsc bundler ok" or what failed.
run_tsc() {
  local name=$1 out=() mode log
  for mode in node16 bundler; do
    log="$LOGS/$name.tsc-$mode.log"
    echo "== $name: tsc --noEmit -p tsconfig.$mode.json"
    if (cd "$WORK/$name" && "$BIN/tsc" --noEmit -p "tsconfig.$mode.json") >"$log" 2>&1; then
      out+=("tsc $mode ok")
    else
      out+=("tsc $mode FAILED")
      problem "$name: tsc (moduleResolution $mode, skipLibCheck false): $(head -5 "$log" | tr '\n' ' ' | cut -c1-400)"
    fi
  done
  RESULT="${out[0]}, ${out[1]}"
}

# size NAME: the installed node_modules, on disk
size() { du -sk "$WORK/$1/node_modules" 2>/dev/null | awk '{ printf "%.1f MB", $1 / 1024 }'; }

# --- 5–9. Every package together, with effect, fast-check and @types/node; no pg, no PGlite
make_consumer consumer $ALL_PACKAGES
all_tgz=(); for short in $ALL_PACKAGES; do all_tgz+=("./$short.tgz"); done
npm_install consumer "${all_tgz[@]}" "effect@$wanted_effect" "$fast_check" "$node_types"; install_mode="$RESULT"
effect_ok="-"; run_ok="-"; tsc_ok="-"; bin_ok="-"
if [ "$install_mode" != "FAILED" ]; then
  # 6. One copy of effect, the app's, shared by every package (npm ls marks the others deduped)
  (cd "$WORK/consumer" && npm ls effect --all) >"$LOGS/consumer.npm-ls-effect.log" 2>&1
  copies="$(cd "$WORK/consumer" && find . -path '*/node_modules/effect/package.json' | wc -l | tr -d ' ')"
  installed="$(cd "$WORK/consumer" && node -p 'require("./node_modules/effect/package.json").version' 2>/dev/null)"
  not_deduped="$(grep -E 'effect@' "$LOGS/consumer.npm-ls-effect.log" | grep -vc 'deduped')"
  dependents="$(grep -E 'effect@' "$LOGS/consumer.npm-ls-effect.log" | grep -c 'deduped')"
  if [ "$copies" = "1" ] && [ "$not_deduped" = "1" ] && [ "$installed" = "$wanted_effect" ]; then
    effect_ok="1 copy (effect@$installed, deduped for $dependents dependents)"
  else
    effect_ok="FAILED ($copies copies)"
    problem "consumer: effect@$wanted_effect should be installed once, found $copies copies (installed $installed): $(tr '\n' ' ' <"$LOGS/consumer.npm-ls-effect.log" | cut -c1-400)"
  fi
  # 7. Plain JavaScript use of every package
  run_node consumer; run_ok="$RESULT"
  # 8. TypeScript, node16 and bundler, skipLibCheck off
  run_tsc consumer; tsc_ok="$RESULT"
  # 9. The khuyencong-cases bin of @khuyencong/cases against the installed 2021–2025 pack
  cp packages/rules-2021-2025/cases/group-projects.yaml "$WORK/consumer/"
  echo "== consumer: khuyencong-cases --help; khuyencong-cases --pack @khuyencong/rules-2021-2025 group-projects.yaml"
  if (cd "$WORK/consumer" && ./node_modules/.bin/khuyencong-cases --help) >"$LOGS/consumer.bin.log" 2>&1; then
    if (cd "$WORK/consumer" && ./node_modules/.bin/khuyencong-cases --pack @khuyencong/rules-2021-2025 group-projects.yaml) >>"$LOGS/consumer.bin.log" 2>&1; then
      bin_ok="ok ($(tail -1 "$LOGS/consumer.bin.log"))"
    else
      bin_ok="FAILED"
      problem "consumer: khuyencong-cases does not pass group-projects.yaml (see $LOGS/consumer.bin.log)"
    fi
  else
    bin_ok="FAILED"
    problem "consumer: the khuyencong-cases bin does not run (see $LOGS/consumer.bin.log)"
  fi
  # 9b. The khuyencong bin of @khuyencong/cli, as a user runs it
  echo "== consumer: npx khuyencong --help; npx khuyencong parameters --date 2024-01-01 --id support.machinery.cap --json"
  if (cd "$WORK/consumer" && npx --no-install khuyencong --help && npx --no-install khuyencong parameters --date 2024-01-01 --id support.machinery.cap --json | grep -q '"300000000"') >"$LOGS/consumer.cli.log" 2>&1; then
    bin_ok="$bin_ok; khuyencong ok"
  else
    bin_ok="$bin_ok; khuyencong FAILED"
    problem "consumer: npx khuyencong does not run (see $LOGS/consumer.cli.log)"
  fi
fi
REPORT+=("consumer (all ${#all_tgz[@]} packages, effect@$wanted_effect, no pg/PGlite): install $install_mode, $(size consumer); effect $effect_ok; node check.mjs $run_ok; $tsc_ok; bin khuyencong-cases $bin_ok")
if [ "$run_ok" = "ok" ]; then REPORT+=("  $(tail -1 "$LOGS/consumer.node.log")"); fi

# --- 10. Server only: adapters-postgres with pg, without PGlite
base_tgz=(); for short in $BASE_PACKAGES; do base_tgz+=("./$short.tgz"); done
make_consumer server $BASE_PACKAGES adapters-postgres
npm_install server "${base_tgz[@]}" ./adapters-postgres.tgz "effect@$wanted_effect" pg "$node_types"; install_mode="$RESULT"
run_ok="-"; tsc_ok="-"; extra=""
if [ "$install_mode" != "FAILED" ]; then
  if [ -e "$WORK/server/node_modules/@electric-sql/pglite" ]; then
    problem "server: @electric-sql/pglite was installed without being asked for"
  fi
  extra="pg $(node -p 'require(process.argv[1]).version' "$WORK/server/node_modules/pg/package.json" 2>/dev/null)"
  run_node server; run_ok="$RESULT"
  [ -n "${DATABASE_URL:-}" ] || warning "server: DATABASE_URL is not set, so the server consumer did not open a store on a server"
  run_tsc server; tsc_ok="$RESULT"
fi
REPORT+=("server (adapters-postgres + $extra, no PGlite): install $install_mode, $(size server); node check.mjs $run_ok; $tsc_ok")
if [ "$run_ok" = "ok" ]; then REPORT+=("  $(tail -1 "$LOGS/server.node.log")"); fi

# --- 11. Embedded only: adapters-postgres with PGlite, without pg
make_consumer embedded $BASE_PACKAGES adapters-postgres
# (@types/emscripten: PGlite's own declarations need it with skipLibCheck off; see embedded/check.ts)
npm_install embedded "${base_tgz[@]}" ./adapters-postgres.tgz "effect@$wanted_effect" @electric-sql/pglite "$node_types" @types/emscripten; install_mode="$RESULT"
run_ok="-"; tsc_ok="-"; extra=""
if [ "$install_mode" != "FAILED" ]; then
  if [ -e "$WORK/embedded/node_modules/pg" ]; then
    problem "embedded: pg was installed without being asked for"
  fi
  extra="PGlite $(node -p 'require(process.argv[1]).version' "$WORK/embedded/node_modules/@electric-sql/pglite/package.json" 2>/dev/null)"
  run_node embedded; run_ok="$RESULT"
  run_tsc embedded; tsc_ok="$RESULT"
fi
REPORT+=("embedded (adapters-postgres + $extra, no pg): install $install_mode, $(size embedded); node check.mjs $run_ok; $tsc_ok")
if [ "$run_ok" = "ok" ]; then REPORT+=("  $(tail -1 "$LOGS/embedded.node.log")"); fi

# --- 12. The service: @khuyencong/service with its drivers; its bin starts and answers
SERVICE_PACKAGES="$BASE_PACKAGES rules-2014-2018 rules-2021-2025 rules-2026-2030 adapters-postgres service"
if [ -n "${TARBALL_OF[service]:-}" ]; then
  make_consumer service $SERVICE_PACKAGES
  svc_tgz=(); for short in $SERVICE_PACKAGES; do svc_tgz+=("./$short.tgz"); done
  # (@types/emscripten: PGlite comes with the service, and its declarations need the Emscripten
  # types with skipLibCheck off; see embedded/check.ts)
  npm_install service "${svc_tgz[@]}" "effect@$wanted_effect" "$node_types" @types/emscripten; install_mode="$RESULT"
  run_ok="-"; tsc_ok="-"
  if [ "$install_mode" != "FAILED" ]; then
    run_node service; run_ok="$RESULT"
    run_tsc service; tsc_ok="$RESULT"
  fi
  REPORT+=("service (@khuyencong/service + pg + PGlite): install $install_mode, $(size service); node check.mjs $run_ok; $tsc_ok")
  if [ "$run_ok" = "ok" ]; then REPORT+=("  $(tail -1 "$LOGS/service.node.log")"); fi
else
  problem "service: packages/service was not packed"
fi

finish $([ ${#PROBLEMS[@]} -gt 0 ] && echo 1 || echo 0)
