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
# Local demo passwords only: nothing here is a production secret.
password=heshi-demo-2021
supplier=$(awk -F, 'NR==2{print $1}' "$dir/suppliers.csv")
if [ ! -s "$token_file" ]; then
	{
		echo "operator $(echo "$password" | "$bin" users add --name demo-operator --role operator --password-stdin 2>/dev/null)"
		echo "assessor $(echo "$password" | "$bin" users add --name demo-assessor --role assessor --password-stdin 2>/dev/null)"
		echo "admin $(echo "$password" | "$bin" users add --name demo-admin --role admin --password-stdin 2>/dev/null)"
		echo "supplier:$supplier $(echo "$password" | "$bin" users add --name "demo-$supplier" --role supplier --supplier "$supplier" --password-stdin 2>/dev/null)"
	} >"$token_file"
fi
echo "API tokens (also in $token_file):"
sed 's/^/  /' "$token_file"
addr=${HESHI_HTTP_ADDR:-127.0.0.1:8080}
echo
echo "the rooms: open http://$addr/ and sign in (password $password for each):"
echo "  demo-$supplier   supplier: its orders, uploads"
echo "  demo-operator    operator: the review queue"
echo "  demo-assessor    assessor: verified totals, exports"
echo "  demo-admin       admin: users, tokens, job queue"
echo
echo "serving on http://$addr — try:"
echo "  curl -H \"Authorization: Bearer \$(awk '/^assessor/{print \$2}' $token_file)\" http://$addr/api/v1/stats"
exec "$bin" serve
