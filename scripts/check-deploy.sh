#!/usr/bin/env bash
# Checks the observability files in deploy/ with the tools' own validators:
#   promtool check config deploy/prometheus.yml      (and the rule files it names)
#   promtool check rules  deploy/loopboard.rules.yml
#   promtool test rules   deploy/loopboard.rules.test.yml   (each alert fires when it should)
#   amtool check-config   deploy/alertmanager.yml    (as written, and as the compose service
#                                                    renders it with an integration id)
#   node scripts/check-dashboard.mjs                 (dashboard and rules use only metrics
#                                                    Loopboard exports)
# promtool and amtool come from Debian's `prometheus` and `prometheus-alertmanager` packages,
# installed here when missing (as root, with apt-get). Where that is impossible the tool checks
# are skipped with a message saying so; the dashboard check always runs.
# Exit code: 0 when every check that ran passed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

FAILED=()
check() {
  local name=$1
  shift
  echo "-- $name: $*"
  if "$@"; then
    echo "   ok"
  else
    echo "   FAILED"
    FAILED+=("$name")
  fi
}

have_tools() { command -v promtool >/dev/null && command -v amtool >/dev/null; }

# Installs the Debian packages without starting their daemons: a policy-rc.d that denies every
# service start stays in place only for the install (unless one was already there).
install_tools() {
  if [[ $(id -u) != 0 ]]; then
    echo "not root: cannot apt-get install prometheus prometheus-alertmanager"
    return 1
  fi
  if ! command -v apt-get >/dev/null; then
    echo "no apt-get on this machine"
    return 1
  fi
  local policy=/usr/sbin/policy-rc.d created=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1
  fi
  local packages=(prometheus prometheus-alertmanager) ok=1
  export DEBIAN_FRONTEND=noninteractive
  echo "installing ${packages[*]} (Debian packages) for promtool and amtool"
  if ! apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null || ok=0
  fi
  ((created)) && rm -f "$policy"
  ((ok))
}

if ! have_tools; then
  install_tools || true
fi

if have_tools; then
  echo "$(promtool --version 2>&1 | head -n 1); $(amtool --version 2>&1 | head -n 1)"
  check prometheus-config promtool check config deploy/prometheus.yml
  check alert-rules promtool check rules deploy/loopboard.rules.yml
  check alert-rule-tests promtool test rules deploy/loopboard.rules.test.yml

  check alertmanager-config amtool check-config deploy/alertmanager.yml
  # What the alertmanager service of docker-compose.yml runs: the same substitution, with a
  # sample integration id.
  rendered=$(mktemp -d "${TMPDIR:-/tmp}/loopboard-alertmanager.XXXXXX")
  trap 'rm -rf "$rendered"' EXIT
  LOOPBOARD_INTEGRATION_ID=0b8f9c1e-5d2a-4c7e-9f31-6a4d2e8b7c05
  sed "s|\${LOOPBOARD_INTEGRATION_ID}|$LOOPBOARD_INTEGRATION_ID|g" deploy/alertmanager.yml \
    >"$rendered/alertmanager.yml"
  rendered_ok() {
    grep -q "url: http://loopboard:3000/webhooks/$LOOPBOARD_INTEGRATION_ID\$" "$rendered/alertmanager.yml" ||
      {
        echo "the rendered file has no webhook URL with the integration id"
        return 1
      }
    amtool check-config "$rendered/alertmanager.yml"
  }
  check alertmanager-config-rendered rendered_ok
else
  echo "SKIPPED promtool and amtool checks: the tools are not installed and could not be" \
    "installed here (needs root and Debian's prometheus and prometheus-alertmanager packages)"
fi

check dashboard node scripts/check-dashboard.mjs

if ((${#FAILED[@]})); then
  echo "deploy checks FAILED: ${FAILED[*]}"
  exit 1
fi
echo "deploy checks passed"
