#!/usr/bin/env bash
# Replays issue 11's attack (hostile input, lockout, floods, unchecked references) against a running demo Docket on
# this machine, and prints each request's status, time and the start of its answer. Start the demo with
#   DOCKET_DATA_DIR=$(mktemp -d) PORT=3111 DOCKET_TRUST_PROXY=loopback node dist/src/cli/main.js serve --demo
# (trusting loopback lets X-Forwarded-For stand for different client addresses), then run B=http://127.0.0.1:3111
# scripts/attack-replay.sh. It writes to the demo store (users, tokens, reports): use a throw-away data folder.
B=${B:-http://127.0.0.1:3111}
T='authorization: Bearer dkt_demo_lumen_social_local_use_only'
J='content-type: application/json'
show() { local label="$1"; shift; local out; out=$(curl -s -o /tmp/attack.body -w '%{http_code} %{time_total}s' "$@"); printf '%-62s -> %s  %s\n' "$label" "$out" "$(head -c 150 /tmp/attack.body | tr '\n' ' ')"; }
echo "== 1. stall"
show "GET /api/public/statistics?to=9999-12-31" "$B/api/public/statistics?to=9999-12-31"
show "GET /statistics?to=9999-12-31 (page)" "$B/statistics?to=9999-12-31"
show "GET /api/public/statistics?from=0000-01-01" "$B/api/public/statistics?from=0000-01-01"
( for i in 1 2 3; do curl -s -o /dev/null "$B/api/public/statistics?from=1970-01-01&to=2100-12-31" & done; wait ) 
show "GET /healthz right after 3 widest statistics in parallel" "$B/healthz"
echo "== 2. NUL and lone surrogates"
show "GET /api/public/board/cases?q=%00" "$B/api/public/board/cases?q=%00"
show "POST /api/session username a\\u0000b" -X POST -H "$J" -d '{"username":"a\u0000b","password":"x"}' "$B/api/session"
show "POST /api/subjects externalId \\ud800" -X POST -H "$T" -H "$J" -d '{"externalId":"\ud800","kind":"content"}' "$B/api/subjects"
show "POST /api/reports text with \\u0000" -X POST -H "$T" -H "$J" -d '{"subjectExternalId":"x","policyId":"spam","source":"user","text":"a\u0000"}' "$B/api/reports"
echo "== 3. out-of-range numbers"
show "POST /api/subjects views 1e308" -X POST -H "$T" -H "$J" -d '{"externalId":"p-1e308","kind":"content","views":1e308}' "$B/api/subjects"
show "GET /public/log?after=99999999999999999999999" "$B/public/log?after=99999999999999999999999"
echo "== 7. router errors, docs CSP"
show "GET /api/cases/<5000 chars>" "$B/api/cases/$(head -c 5000 /dev/zero | tr '\0' a)"
show "GET /api/%FF%FE" "$B/api/%FF%FE"
printf '%-62s -> %s\n' "GET /api/docs content-security-policy" "$(curl -s -D - -o /dev/null "$B/api/docs" | grep -i '^content-security-policy' | head -c 120)"
echo "== 6. unchecked references"
csrf() { python3 -c 'import json,sys; print(json.load(open("/tmp/attack.body"))["csrfToken"])'; }
signin() { # jar user pass [xff]
  curl -s -c "$1" -o /tmp/attack.body -H "$J" ${4:+-H "x-forwarded-for: $4"} -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$B/api/session"; csrf; }
C=$(signin /tmp/jar.policy policy policy-demo-pass 10.9.0.1)
show "POST /api/policies/undefined/versions (policy staff)" -b /tmp/jar.policy -H "x-csrf-token: $C" -H "$J" -H "x-forwarded-for: 10.9.0.1" -d '{"title":"x","summary":"y","sections":[{"id":"a","title":"A","text":"T","severity":3,"severe":false,"allowedOutcomes":["no_violation","remove"]}],"changeNote":"n"}' "$B/api/policies/undefined/versions"
show "POST /api/policies {id: undefined}" -b /tmp/jar.policy -H "x-csrf-token: $C" -H "$J" -H "x-forwarded-for: 10.9.0.1" -d '{"id":"undefined","title":"x","summary":"y","sections":[{"id":"a","title":"A","text":"T","severity":3,"severe":false,"allowedOutcomes":["no_violation","remove"]}],"changeNote":"n"}' "$B/api/policies"
L=$(signin /tmp/jar.liaison liaison liaison-demo-pass 10.9.0.2)
show "POST /api/board/referrals platform nosuch (liaison)" -b /tmp/jar.liaison -H "x-csrf-token: $L" -H "$J" -H "x-forwarded-for: 10.9.0.2" -d '{"kind":"policy_advisory","track":"standard","title":"A question","statement":"How should threats be treated?","platform":"nosuch"}' "$B/api/board/referrals"
echo "== 8. user token while a one-time password is pending"
A=$(signin /tmp/jar.admin admin admin-demo-pass 10.9.0.3)
curl -s -o /tmp/attack.body -b /tmp/jar.admin -H "x-csrf-token: $A" -H "$J" -H "x-forwarded-for: 10.9.0.3" -d '{"username":"newcomer","roles":["moderator"]}' "$B/api/users" >/dev/null
curl -s -o /tmp/attack.body -b /tmp/jar.admin -H "x-csrf-token: $A" -H "$J" -H "x-forwarded-for: 10.9.0.3" -d '{"name":"newcomer-token","kind":"user","username":"newcomer"}' "$B/api/tokens" >/dev/null
UT=$(python3 -c 'import json; print(json.load(open("/tmp/attack.body"))["token"])')
show "GET /api/queue with newcomer's user token" -H "authorization: Bearer $UT" "$B/api/queue"
echo "== 4. lockout: 40 parallel wrong passwords for admin from 10.6.6.6, then the right one"
for i in $(seq 1 40); do curl -s -o /dev/null -w '%{http_code}\n' -H "$J" -H 'x-forwarded-for: 10.6.6.6' -d '{"username":"admin","password":"wrong-guess"}' "$B/api/session" & done > /tmp/attack.codes; wait
echo "   answers: $(sort /tmp/attack.codes | uniq -c | tr '\n' ' ')"
show "right password from 10.6.6.6 (the attacker's address)" -H "$J" -H 'x-forwarded-for: 10.6.6.6' -d '{"username":"admin","password":"admin-demo-pass"}' "$B/api/session"
show "right password from 10.1.1.1 (admin's own address)" -H "$J" -H 'x-forwarded-for: 10.1.1.1' -d '{"username":"admin","password":"admin-demo-pass"}' "$B/api/session"
for i in $(seq 1 6); do curl -s -o /dev/null -H "$J" -H 'x-forwarded-for: 10.7.7.7' -d '{"username":"nobody-here","password":"wrong-guess"}' "$B/api/session"; done
show "unknown user, 7th try from 10.7.7.7" -D /tmp/attack.h1 -H "$J" -H 'x-forwarded-for: 10.7.7.7' -d '{"username":"nobody-here","password":"wrong-guess"}' "$B/api/session"
show "locked admin, 41st try from 10.6.6.6" -D /tmp/attack.h2 -H "$J" -H 'x-forwarded-for: 10.6.6.6' -d '{"username":"admin","password":"wrong-guess"}' "$B/api/session"
echo "== 5. limits"
ok=0; limited=0
for i in $(seq 1 700); do c=$(curl -s -o /tmp/attack.body -D /tmp/attack.h -w '%{http_code}' -X POST -H "$T" -H "$J" -d "{\"subject\":{\"externalId\":\"flood-$i\",\"kind\":\"content\"},\"policyId\":\"spam\",\"source\":\"user\"}" "$B/api/reports"); if [ "$c" = 201 ]; then ok=$((ok+1)); elif [ "$c" = 429 ]; then limited=$((limited+1)); fi; done
echo "   700 single reports with one token in a minute: $ok accepted, $limited answered 429; last: $(grep -i '^retry-after' /tmp/attack.h | tr -d '\r') $(head -c 120 /tmp/attack.body)"
ok=0; limited=0
for i in $(seq 1 320); do c=$(curl -s -o /tmp/attack.body -D /tmp/attack.h -w '%{http_code}' -H 'x-forwarded-for: 10.8.8.8' "$B/api/public/recommendations"); if [ "$c" = 200 ]; then ok=$((ok+1)); elif [ "$c" = 429 ]; then limited=$((limited+1)); fi; done
echo "   320 anonymous reads from 10.8.8.8: $ok answered, $limited answered 429; last: $(grep -i '^retry-after' /tmp/attack.h | tr -d '\r') $(head -c 100 /tmp/attack.body)"
show "a read from another address 10.8.8.9 meanwhile" -H 'x-forwarded-for: 10.8.8.9' "$B/api/public/recommendations"
