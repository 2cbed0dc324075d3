#!/usr/bin/env bash
# The demo: the local database, ~200 generated orders imported and
# processed, the verified totals printed, then the API served.
set -euo pipefail
bin=${1:-bin/heshi}
dir=${2:-var/demo}
orders=${3:-200}

export HESHI_DATABASE_URL=${HESHI_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/heshi?sslmode=disable}

"$bin" migrate
if [ ! -f "$dir/orders.csv" ]; then
	"$bin" samples --orders "$orders" --seed 2021 --anomaly-rate 0.1 --out "$dir"
fi
"$bin" import "$dir"
"$bin" work --drain
echo
"$bin" stats --table summary
echo
"$bin" stats --table pipeline
echo
"$bin" stats --table counties | sed -n 1,12p # sed reads to the end: no SIGPIPE under pipefail
echo
token_file=var/demo-tokens.txt
if [ ! -s "$token_file" ]; then
	{
		echo "operator $("$bin" users add --name demo-operator --role operator 2>/dev/null)"
		echo "assessor $("$bin" users add --name demo-assessor --role assessor 2>/dev/null)"
		supplier=$(awk -F, 'NR==2{print $1}' "$dir/suppliers.csv")
		echo "supplier:$supplier $("$bin" users add --name "demo-$supplier" --role supplier --supplier "$supplier" 2>/dev/null)"
	} >"$token_file"
fi
echo "API tokens (also in $token_file):"
sed 's/^/  /' "$token_file"
addr=${HESHI_HTTP_ADDR:-127.0.0.1:8080}
echo
echo "serving on http://$addr — try:"
echo "  curl -H \"Authorization: Bearer \$(awk '/^assessor/{print \$2}' $token_file)\" http://$addr/api/v1/stats"
exec "$bin" serve
