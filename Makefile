# heshi — `make help` lists the targets.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/heshi
DEMO  ?= var/demo
DEMO_ORDERS ?= 200

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

.PHONY: services
services: ## start PostgreSQL and MinIO, install the OCR engine's runtime and models (idempotent)
	@scripts/services.sh
	@scripts/ocr.sh

.PHONY: build
build: ## build bin/heshi
	$(GO) build -o $(BIN) ./cmd/heshi

.PHONY: migrate
migrate: services build ## migrate the local database
	$(BIN) migrate

.PHONY: demo
demo: services build ## generate ~200 sample orders, process them, print the totals, serve on 127.0.0.1:8080
	@scripts/fonts.sh
	@scripts/demo.sh $(BIN) $(DEMO) $(DEMO_ORDERS)

.PHONY: test
test: services ## run every test against the local PostgreSQL and MinIO
	@scripts/fonts.sh || echo "fonts: not installed; the sample generator's PDF tests will skip"
	@scripts/browser.sh || echo "browser: chromium not installed; the browser tests will skip"
	$(GO) test -race -count=1 ./...

.PHONY: test-short
test-short: ## run the unit tests that need no services
	$(GO) test -short -count=1 ./...

.PHONY: bench
bench: services ## run the benchmarks
	$(GO) test -run '^$$' -bench . -benchmem ./...

FUZZTIME ?= 1m
.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME each (default 1m; the issues ask 10m)
	@grep -rl --include='*_test.go' '^func Fuzz' . | while read -r f; do \
		dir=$$(dirname "$$f"); \
		for t in $$(grep -o '^func Fuzz[A-Za-z0-9_]*' "$$f" | cut -d' ' -f2); do \
			echo "== $$dir $$t"; \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -parallel 1 "$$dir" || exit 1; \
		done; \
	done

.PHONY: generate
generate: ## regenerate the typed queries (sqlc, pinned, built into bin/)
	@scripts/sqlc.sh
	bin/sqlc generate

.PHONY: verify-generate
verify-generate: ## check that the generated code is current
	@scripts/sqlc.sh
	bin/sqlc diff

.PHONY: lint
lint: ## gofmt, go vet and the import rules (internal/arch)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...
	$(GO) test -count=1 ./internal/arch/

.PHONY: clean
clean: ## remove build output and local service data (var/)
	rm -rf bin/heshi var/demo
