#!/usr/bin/env bash
# Lints the partner contract kept in the repository with Spectral's standard rulesets; any warning fails:
# - docs/openapi/*.json, the services' OpenAPI documents (ServiceReadinessContract checks they are what they serve),
#   against spectral:oas;
# - docs/asyncapi/asyncapi.json, the events (EventCatalogueTest checks it against the contract records), against
#   spectral:asyncapi.
# Spectral comes from the npm registry, pinned, into .local/spectral on first use. Needs Node.js 18+ and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=6.16.3
dir=.local/spectral
if ! grep -qs "\"version\": \"$version\"" "$dir/node_modules/@stoplight/spectral-cli/package.json"; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent "@stoplight/spectral-cli@$version"
fi
spectral="$dir/node_modules/.bin/spectral"
"$spectral" lint --ruleset docs/openapi/.spectral.yaml --fail-severity warn docs/openapi/*.json
"$spectral" lint --ruleset docs/asyncapi/.spectral.yaml --fail-severity warn docs/asyncapi/asyncapi.json
