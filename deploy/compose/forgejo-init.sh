#!/bin/sh
# One-shot for docker compose: an admin user in Forgejo and an API token for Slipway, written to
# the volume Slipway reads SLIPWAY_FORGEJO_TOKEN_FILE from. Runs again harmlessly on every `up`.
set -eu
token_file=/run/slipway/forgejo-token
config=/data/gitea/conf/app.ini
# The Forgejo CLI refuses to run as root; the volume for the token needs root to hand it to uid 1000.
as_git() { su git -s /bin/sh -c "forgejo --config $config $1"; }

mkdir -p "$(dirname "$token_file")"
if [ -s "$token_file" ]; then
  echo "forgejo-init: token already in $token_file"
  exit 0
fi
if ! as_git "admin user list --admin" | grep -q "[[:space:]]$FORGEJO_ADMIN_USER[[:space:]]"; then
  as_git "admin user create --admin --username '$FORGEJO_ADMIN_USER' --password '$FORGEJO_ADMIN_PASSWORD' \
    --email '$FORGEJO_ADMIN_EMAIL' --must-change-password=false"
fi
# Organisations (the GitOps repository's owner, teams) and repositories: what Slipway creates.
as_git "admin user generate-access-token --username '$FORGEJO_ADMIN_USER' --token-name slipway-$(date +%s) \
  --scopes write:organization,write:repository,write:user --raw" > "$token_file.tmp"
mv "$token_file.tmp" "$token_file"
# The Slipway image runs as uid 1000.
chown 1000:1000 "$token_file"
chmod 0400 "$token_file"
echo "forgejo-init: wrote a token for $FORGEJO_ADMIN_USER to $token_file"
