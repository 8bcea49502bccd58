#!/usr/bin/env bash
# Check the publishable packages the way users will get them.
#
# For every publishable package (packages/* with a package.json that is not private and a built
# dist/):
#   1. `pnpm pack` into a temporary directory (pnpm rewrites `workspace:^` to real versions);
#   2. check the tarball: no `workspace:` range left, no build metadata (.tsbuildinfo) shipped,
#      every file named by `exports`, `main`, `types` and `bin` present;
#   3. publint on the tarball;
#   4. attw (Are the Types Wrong?) on the tarball with the esm-only profile: the packages are
#      ESM-only on purpose, so CommonJS `require` and node10 resolution are not checked.
# Then, for @khuyencong/core, @khuyencong/storage, @khuyencong/cases and
# @khuyencong/rules-2021-2025, a scratch consumer project:
#   5. `npm install` the tarballs (and fast-check, the optional peer of core/testing),
#      offline first, falling back to --prefer-offline (the registry is reachable here and in CI);
#   6. `node check.mjs`: plain ESM JavaScript parses money, decodes inputs, evaluates a proposal,
#      uses @khuyencong/core/testing and stores the proposal in @khuyencong/storage's memory store;
#   7. `tsc --noEmit` on check.ts with moduleResolution node16 and bundler (the repository's
#      TypeScript; the node16 run has skipLibCheck off, so the published declarations themselves
#      are checked, the bundler run skips that slow part and checks resolution and use);
#   8. the `khuyencong-cases` bin of @khuyencong/cases runs: `--help`, then the 2021–2025 pack's
#      group-projects.yaml cases against the installed pack.
# Prints a short report; exits 1 on any problem (warnings do not fail).
#
# Usage: bash scripts/check-packages.sh          (after `pnpm build`; `pnpm check:packages` does both)
#        KEEP_WORK=1 bash scripts/check-packages.sh   keep the temporary directory
#        ONLY="core storage cases rules-2021-2025" bash scripts/check-packages.sh   check only these packages/* dirs
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
  if [ ! -d "$dir/dist" ]; then
    REPORT+=("$(printf '%-32s %-8s %9s  %s' "$name" "$version" "-" "skipped: no dist/ (run pnpm build)")")
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
  orphans="$(cd "$dir" && find dist -name '*.js' 2>/dev/null | while read -r js; do src="src/${js#dist/}"; [ -f "${src%.js}.ts" ] || [ -f "${src%.js}.tsx" ] || echo "$js"; done)"
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
# 5–8. A consumer project installs core, storage, cases and the 2021–2025 pack from their tarballs

core_tgz="${TARBALL_OF[core]:-}"
storage_tgz="${TARBALL_OF[storage]:-}"
cases_tgz="${TARBALL_OF[cases]:-}"
rules_tgz="${TARBALL_OF[rules-2021-2025]:-}"
if [ -z "$core_tgz" ] || [ -z "$storage_tgz" ] || [ -z "$cases_tgz" ] || [ -z "$rules_tgz" ]; then
  if [ -z "${ONLY:-}" ]; then problem "consumer check: core, storage, cases or rules-2021-2025 was not packed"; fi
  finish $([ ${#PROBLEMS[@]} -gt 0 ] && echo 1 || echo 0)
fi

consumer="$WORK/consumer"
mkdir -p "$consumer"
cp "$HERE"/consumer/* "$consumer"/
cp "$core_tgz" "$consumer/core.tgz"
cp "$storage_tgz" "$consumer/storage.tgz"
cp "$cases_tgz" "$consumer/cases.tgz"
cp packages/rules-2021-2025/cases/group-projects.yaml "$consumer/"
cp "$rules_tgz" "$consumer/rules.tgz"
fast_check="fast-check@$(field packages/core/package.json devDependencies.fast-check)"
[ "$fast_check" = "fast-check@" ] && fast_check="fast-check@^4"

echo "== consumer: npm install ./core.tgz ./storage.tgz ./cases.tgz ./rules.tgz $fast_check"
install_mode="offline"
npm_install() { (cd "$consumer" && npm install --no-audit --no-fund --no-update-notifier "$@" ./core.tgz ./storage.tgz ./cases.tgz ./rules.tgz "$fast_check"); }
if ! npm_install --offline >"$LOGS/consumer.install.log" 2>&1; then
  install_mode="prefer-offline"
  if ! npm_install --prefer-offline >>"$LOGS/consumer.install.log" 2>&1; then
    install_mode="FAILED"
    problem "consumer: npm install of the tarballs failed (see $LOGS/consumer.install.log)"
  fi
fi

run_ok="-"
node16_ok="-"
bundler_ok="-"
bin_ok="-"
if [ "$install_mode" != "FAILED" ]; then
  echo "== consumer: node check.mjs"
  if (cd "$consumer" && node check.mjs) >"$LOGS/consumer.node.log" 2>&1; then
    run_ok="ok"
  else
    run_ok="FAILED"
    problem "consumer: node check.mjs failed: $( (grep -m1 -E 'Error' "$LOGS/consumer.node.log" || tail -3 "$LOGS/consumer.node.log") | tr '\n' ' ' | cut -c1-400)"
  fi
  for mode in node16 bundler; do
    echo "== consumer: tsc --noEmit -p tsconfig.$mode.json"
    if (cd "$consumer" && "$BIN/tsc" --noEmit -p "tsconfig.$mode.json") >"$LOGS/consumer.tsc-$mode.log" 2>&1; then
      result="ok"
    else
      result="FAILED"
      problem "consumer: tsc (moduleResolution $mode): $(head -5 "$LOGS/consumer.tsc-$mode.log" | tr '\n' ' ' | cut -c1-400)"
    fi
    if [ "$mode" = node16 ]; then node16_ok="$result"; else bundler_ok="$result"; fi
  done
  echo "== consumer: khuyencong-cases --help; khuyencong-cases --pack @khuyencong/rules-2021-2025 group-projects.yaml"
  if (cd "$consumer" && ./node_modules/.bin/khuyencong-cases --help) >"$LOGS/consumer.bin.log" 2>&1; then
    if (cd "$consumer" && ./node_modules/.bin/khuyencong-cases --pack @khuyencong/rules-2021-2025 group-projects.yaml) >>"$LOGS/consumer.bin.log" 2>&1; then
      bin_ok="ok ($(tail -1 "$LOGS/consumer.bin.log"))"
    else
      bin_ok="FAILED"
      problem "consumer: khuyencong-cases does not pass group-projects.yaml (see $LOGS/consumer.bin.log)"
    fi
  else
    bin_ok="FAILED"
    problem "consumer: the khuyencong-cases bin does not run (see $LOGS/consumer.bin.log)"
  fi
fi
REPORT+=("consumer project (npm install core + storage + cases + rules-2021-2025 tarballs): install $install_mode; node check.mjs $run_ok; tsc node16 $node16_ok; tsc bundler $bundler_ok; bin khuyencong-cases $bin_ok")
if [ "$run_ok" = "ok" ]; then REPORT+=("  $(tail -1 "$LOGS/consumer.node.log")"); fi

finish $([ ${#PROBLEMS[@]} -gt 0 ] && echo 1 || echo 0)
