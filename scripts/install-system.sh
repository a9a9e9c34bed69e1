#!/usr/bin/env bash
# Installs the Debian packages statements needs. pandoc and Typst come from pip.
#   apertium-eng-spa    the second, rule-based translation engine (and the tests' real engine)
#   default-jre-headless  Java for EPUBCheck in the tests (skipped when java is present)
#   chromium            the browser the review page tests drive (through Playwright)
#   hunspell-es hunspell-en-us  spelling lists the names check reads for words Apertium's lexicon lacks
#   poppler-utils       pdftotext and pdftoppm, with which the tests read and render the PDFs
#   libreoffice-writer-nogui  opens the Word files in the tests (soffice --convert-to pdf)
#   fonts-crosextra-caladea fonts-crosextra-carlito  the Word files' Cambria and Calibri, for LibreOffice
set -eu
need=()
command -v apertium >/dev/null 2>&1 && apertium -l 2>/dev/null | grep -q spa-eng || need+=(apertium-eng-spa)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -f /usr/share/hunspell/es_ES.dic ] || need+=(hunspell-es)
[ -f /usr/share/hunspell/en_US.dic ] || need+=(hunspell-en-us)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
[ -f /usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf ] || need+=(fonts-crosextra-caladea)
[ -f /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || need+=(fonts-crosextra-carlito)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "statements: missing Debian packages: ${need[*]}" >&2
  echo "  install them with:  sudo apt-get install ${need[*]}" >&2
  echo "  (without apertium-eng-spa, translation needs an Argos model: statements models install es en)" >&2
fi
