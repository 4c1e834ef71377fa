#!/usr/bin/env bash
# Renders every overlay with kubectl's Kustomize and validates the result offline: Kubernetes, KEDA and operator
# (RabbitMQ, CloudNativePG) schemas, and the platform's rules (replicas, probes, limits, non-root, migrations
# outside the rollout, no committed secret). Needs no cluster. Part of deploy/test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$ROOT/deploy/infra.sh" kubectl
cd "$ROOT/deploy/k8s"
(cd validate && npm ci --ignore-scripts --no-audit --no-fund --silent)
status=0
for overlay in overlays/*/; do
  printf '[k8s] %s: ' "${overlay%/}"
  kubectl kustomize "$overlay" | node validate/validate.mjs || status=1
done
exit $status
