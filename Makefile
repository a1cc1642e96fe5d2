# Every target runs the idempotent set-up first, so a fresh clone needs only `make start` or `make test`.
SHELL := /bin/bash
NODE_BIN := $(CURDIR)/.tools/node24/node_modules/node/bin
export PATH := $(NODE_BIN):$(PATH)

.PHONY: setup build lint test test-unit test-int start migrate chat bench clean

setup:
	@bash scripts/setup.sh

build: setup
	npx tsc -b

lint: setup
	npx tsc -b
	npx biome check .

test: build
	npm test

test-unit: setup
	npm run test:unit

test-int: build
	npm run test:int

migrate: build
	node services/core/dist/db/migrate-cli.js latest

start: build
	MIGRATE_ON_START=$${MIGRATE_ON_START:-true} BOOTSTRAP_ADMIN_KEY_FILE=$${BOOTSTRAP_ADMIN_KEY_FILE:-./data/admin-api-key.txt} node services/api/dist/main.js

chat: build
	npm run chat

clean:
	rm -rf services/*/dist operator/dist coverage

bench: build
	node loadtest/api-health.ts
