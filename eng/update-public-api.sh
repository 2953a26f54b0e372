#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to PublicAPI.Unshipped.txt.
# Run it after a deliberate public API change, then review the diff of the PublicAPI files.
set -euo pipefail
cd "$(dirname "$0")/.."
api_dir=src/WeChatErrors/PublicAPI
new=$(dotnet build src/WeChatErrors/WeChatErrors.csproj -f net10.0 --no-incremental -p:TreatWarningsAsErrors=false 2>&1 \
  | grep -oP "RS0016: Symbol '\K.*?(?=' is not part of the declared public API)" | sort -u || true)
if [ -z "$new" ]; then
  echo "PublicAPI files are up to date."
  exit 0
fi
{ tail -n +2 "$api_dir/PublicAPI.Unshipped.txt"; printf '%s\n' "$new"; } | sed '/^$/d' | LC_ALL=C sort -u > "$api_dir/.unshipped.tmp"
{ echo '#nullable enable'; cat "$api_dir/.unshipped.tmp"; } > "$api_dir/PublicAPI.Unshipped.txt"
rm "$api_dir/.unshipped.tmp"
echo "Added $(printf '%s\n' "$new" | wc -l) symbol(s) to $api_dir/PublicAPI.Unshipped.txt."
