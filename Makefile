# plan2data — `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PDF    ?= corpora/kalasin/kalasin.pdf
OUT    ?= output
JOBS   ?= auto

.PHONY: help run test test-fast corpora corpora-tools golden system system-test fidelity accuracy bench lint clean
.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11+"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

SYSTEM_PKGS := poppler-utils tesseract-ocr tesseract-ocr-tha

system: ## install the Debian packages the pipeline needs, when missing (poppler, tesseract Thai)
	@missing=""; command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx tha; } || missing="$$missing tesseract-ocr-tha"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "error: missing Debian packages:$$missing; run: sudo apt-get install$$missing"; exit 2; fi; fi

run: system $(STAMP) ## set up, then extract the embedded Kalasin plan into output/
	$(BIN)/python -m pipeline extract $(PDF) --out $(OUT)

system-test: system ## also chromium, which the report tests open the HTML report in
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "error: chromium missing; run: sudo apt-get install chromium"; exit 2; fi; }

test: system-test $(STAMP) ## set up, then run the whole test suite
	$(BIN)/python -m pytest -n $(JOBS)

test-fast: $(STAMP) ## the suite without the slow corpus runs
	$(BIN)/python -m pytest -n $(JOBS) -m 'not slow'

lint: $(STAMP) ## pyflakes-class errors and McCabe complexity ≤ 15 in pipeline/ and extractors/ (ruff)
	$(BIN)/ruff check pipeline extractors benchmarks corpora tests

corpora: $(STAMP) ## re-render corpora PDFs from their source texts (needs LibreOffice, Thai fonts)
	@command -v soffice >/dev/null || $(MAKE) corpora-tools
	$(BIN)/pip install -q --disable-pip-version-check -e '.[corpora]'
	$(BIN)/python corpora/tools/render_plan.py corpora/kalasin/source.txt corpora/kalasin/kalasin.pdf
	$(BIN)/python corpora/wild/generate.py

golden: $(STAMP) ## rebuild corpora/kalasin/expected from source.txt; read the diff before committing
	$(BIN)/python corpora/tools/expected_from_source.py corpora/kalasin/source.txt corpora/kalasin/expected/projects.json
	git diff --stat -- corpora/kalasin/expected

fidelity: system $(STAMP) ## CER per engine, toolchain and font, and the real-PDF table → docs/fidelity.md
	$(BIN)/pip install -q --disable-pip-version-check -e '.[bench]'
	@command -v soffice >/dev/null || $(MAKE) corpora-tools
	$(BIN)/python benchmarks/fidelity.py --out docs/fidelity.md
	$(BIN)/python benchmarks/real_pdfs.py --out docs/fidelity.md

corpora-tools:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-thai-tlwg; \
	else echo "error: LibreOffice missing; run: sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg"; exit 2; fi

bench: system-test $(STAMP) ## speed and memory beside pdftotext, in the same run → docs/performance.md
	$(BIN)/pip install -q --disable-pip-version-check -e '.[bench,corpora]'
	$(BIN)/python benchmarks/bench.py --out docs/performance.md

accuracy: system $(STAMP) ## field agreement on the synthetic corpus (born-digital, scanned) and the golden plan scanned → docs/accuracy.md (~25 min)
	$(BIN)/python benchmarks/accuracy.py --out docs/accuracy.md

clean: ## remove the virtual environment and outputs
	rm -rf $(VENV) $(OUT)
