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
# Each demo user is added once per database; a token is shown only when it
# is made, so the file keeps the tokens of users that already exist.
touch "$token_file"
demo_user() { # label name role [supplier]
	local label=$1 name=$2 role=$3 sup=${4:-} token
	if token=$(echo "$password" | "$bin" users add --name "$name" --role "$role" ${sup:+--supplier "$sup"} --password-stdin 2>/dev/null); then
		grep -v "^$label " "$token_file" >"$token_file.new" || true
		echo "$label $token" >>"$token_file.new"
		mv "$token_file.new" "$token_file"
	fi
}
demo_user operator demo-operator operator
demo_user assessor demo-assessor assessor
demo_user admin demo-admin admin
demo_user "supplier:$supplier" "demo-$supplier" supplier "$supplier"
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
