#!/usr/bin/env bash
# Refresh the self-hosted front-end assets of the book from the npm registry.
#
# The book never loads a script, font or style from a CDN: require.js, the
# @jupyter-widgets/html-manager bundle (for generic ipywidgets outputs), anywidget's
# AMD module (taken from the installed anywidget Python package) and MathJax are
# copied into book/static/vendor at the pinned versions below, with their licences.
# Run it after changing a version, then rebuild and run the browser tests.
#
#   scripts/vendor_assets.sh            # uses .venv/bin/python for anywidget
set -euo pipefail

REQUIREJS=2.3.8
HTML_MANAGER=1.0.15
MATHJAX=3.2.2

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/book/static/vendor"
python="${PYTHON:-$root/.venv/bin/python}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "requirejs@$REQUIREJS" "@jupyter-widgets/html-manager@$HTML_MANAGER" "mathjax@$MATHJAX" >/dev/null
for tarball in *.tgz; do
  mkdir -p "x/${tarball%.tgz}"
  tar xzf "$tarball" -C "x/${tarball%.tgz}"
done

rm -rf "$dest"
mkdir -p "$dest/html-manager" "$dest/anywidget" "$dest/mathjax" "$dest/licenses"

# require.js (BSD-3-Clause OR MIT; the licence text is in its header comment).
cp "x/requirejs-$REQUIREJS/package/require.js" "$dest/require.js"

# html-manager: the AMD bundle and the fonts / images it references by relative path.
hm="x/jupyter-widgets-html-manager-$HTML_MANAGER/package"
cp "$hm/dist/embed-amd.js" "$dest/html-manager/"
for asset in "$hm"/dist/*.{woff,woff2,ttf,eot,svg}; do
  [ -e "$asset" ] && cp "$asset" "$dest/html-manager/"
done
cp "$hm/dist/embed.js.LICENSE.txt" "$dest/licenses/html-manager-bundled-THIRD-PARTY.txt"

# anywidget's AMD front-end, shipped inside the Python package (MIT).
anywidget_dir=$("$python" -c 'import anywidget, os; print(os.path.dirname(anywidget.__file__))')
cp "$anywidget_dir/nbextension/index.js" "$dest/anywidget/index.js"
anywidget_version=$("$python" -c 'import anywidget; print(anywidget.__version__)')

# MathJax 3 (Apache-2.0): the TeX+MathML to CommonHTML component, its fonts, and the
# pieces it loads on demand (menu, assistive MathML, TeX extensions). Pages never load it at
# start: raicourse.phone renders prose and quiz math to MathML at build time, and a quiz loads
# MathJax only for TeX the build did not render (tests/test_page_weight.py checks both).
# Nothing of raicourse.phone lives here: it reads the theme's own files at build time.
mj="x/mathjax-$MATHJAX/package"
cp "$mj/es5/tex-mml-chtml.js" "$dest/mathjax/"
mkdir -p "$dest/mathjax/output/chtml/fonts" "$dest/mathjax/input/tex"
cp -r "$mj/es5/output/chtml/fonts/woff-v2" "$dest/mathjax/output/chtml/fonts/"
cp -r "$mj/es5/ui" "$mj/es5/a11y" "$dest/mathjax/"
cp -r "$mj/es5/input/tex/extensions" "$dest/mathjax/input/tex/"
cp "$mj/LICENSE" "$dest/licenses/mathjax-LICENSE.txt"

cat > "$dest/widgets-config.js" <<'JS'
// Tell require.js where anywidget's AMD module lives, next to this file (no CDN).
(function () {
  var base = document.currentScript.src.replace(/widgets-config\.js.*$/, "");
  require.config({ paths: { anywidget: base + "anywidget/index" } });
})();
JS

cat > "$dest/licenses/README.md" <<MD
# Vendored front-end assets

| asset | version | licence | source |
|---|---|---|---|
| require.js | $REQUIREJS | BSD-3-Clause or MIT (header of \`require.js\`) | npm \`requirejs\` |
| @jupyter-widgets/html-manager | $HTML_MANAGER | BSD-3-Clause (bundled third-party notices: \`html-manager-bundled-THIRD-PARTY.txt\`) | npm \`@jupyter-widgets/html-manager\` |
| anywidget (AMD front-end) | $anywidget_version | MIT | PyPI \`anywidget\`, \`nbextension/index.js\` |
| MathJax | $MATHJAX | Apache-2.0 (\`mathjax-LICENSE.txt\`) | npm \`mathjax\` |

Refreshed by \`scripts/vendor_assets.sh\`; checksums in \`SHA256SUMS\`.
MD

(cd "$dest" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "vendored into $dest:"
du -sh "$dest"
