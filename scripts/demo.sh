#!/usr/bin/env bash
# make demo: translate the sample statements from scratch in a scratch workspace and build
# the books there; the repository itself is left as it was.
#   STATEMENTS  the statements command (make passes .venv/bin/statements)
#   DEMO        the scratch workspace (default outputs/demo, which git ignores)
#   ARGOS       auto (default): install the Argos es<->en models first where the index can be
#               reached; no: skip that, and translate with Apertium
set -eu
statements=${STATEMENTS:-statements}
demo=${DEMO:-outputs/demo}
rm -rf "$demo"
mkdir -p "$demo"
cp -R originals "$demo/originals"
if [ -f glossary.csv ]; then cp glossary.csv "$demo/"; fi

installed() { "$statements" models list 2>/dev/null | cut -f1 | grep -qx "$1→$2"; }
have_argos() { installed es en && installed en es; }
if [ "${ARGOS:-auto}" != no ] && ! have_argos; then
  # Quietly: offline, the index cannot be reached and the line below says what to do.
  "$statements" models install es en >/dev/null 2>&1 || true
  "$statements" models install en es >/dev/null 2>&1 || true
fi
if [ "${ARGOS:-auto}" != no ] && have_argos; then
  echo "demo: translating with the Argos es<->en models (neural, offline)"
else
  echo "demo: translating with Apertium; for the neural engine, run \`$statements models install es en\` and \`$statements models install en es\` where the internet is reachable"
fi
"$statements" --root "$demo" translate
"$statements" --root "$demo" build --imposition booklet >/dev/null
echo "demo: books in $demo/outputs/"
ls "$demo/outputs"
echo "demo: the command is $statements (or run \`. .venv/bin/activate\` to type \`statements\`)"
