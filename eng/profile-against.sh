#!/usr/bin/env bash
# Measures this tree's handler beside an earlier commit's, in one process: in memory (--profile) and over loopback Kestrel (--loopback).
# Usage: eng/profile-against.sh REV [in-memory bodies, comma-separated] [loopback bodies, comma-separated]
#   e.g. eng/profile-against.sh b2376c5 small-success,small-error,followers-64K,followers-1M
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: eng/profile-against.sh REV [bodies] [loopback bodies]}
bodies=${2:-small-success,small-error,followers-64K,followers-1M}
loopback=${3:-$bodies}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/tree" "$rev" >/dev/null
# The earlier build under another assembly name, so that both load side by side (the benchmarks reference it under an alias).
dotnet build "$work/tree/src/WeChatErrors/WeChatErrors.csproj" -c Release -f net10.0 -o "$work/out" \
  -p:AssemblyName=WeChatErrors.EarlierBuild -p:TreatWarningsAsErrors=false -p:GenerateDocumentationFile=false -v q -nologo >/dev/null
earlier="$work/out/WeChatErrors.EarlierBuild.dll"

project=tests/WeChatErrors.Benchmarks
dotnet build "$project" -c Release -p:EarlierBuildAssembly="$earlier" -v q -nologo >/dev/null
echo "before: $rev ($(git rev-parse --short "$rev")), after: this tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', with uncommitted changes'))"
for body in ${bodies//,/ }; do
  dotnet run -c Release --no-build --project "$project" -p:EarlierBuildAssembly="$earlier" -- --profile "$body"
done
dotnet run -c Release --no-build --project "$project" -p:EarlierBuildAssembly="$earlier" -- --loopback "$loopback"
# Leave the benchmarks built without the earlier build again.
dotnet build "$project" -c Release -v q -nologo >/dev/null
