#!/usr/bin/env bash
# Publishes the web app to a deployed stack: builds web/dist, writes its config.json from the
# stack's outputs (the same keys the local gateway's /config.json answers), uploads it to the
# stack's web bucket and invalidates the distribution.
#   infra/publish-web.sh STACK_NAME
# Uses the AWS CLI with the caller's credentials and region (AWS_PROFILE / AWS_REGION).
set -euo pipefail
cd "$(dirname "$0")/.."

stack="${1:?usage: infra/publish-web.sh STACK_NAME}"

(cd web && npm ci --no-audit --no-fund && npm run build)

output() {
    local value
    value=$(aws cloudformation describe-stacks --stack-name "$stack" \
        --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text)
    if [[ -z "$value" || "$value" == "None" ]]; then
        echo "publish-web.sh: stack $stack has no output $1" >&2
        exit 1
    fi
    printf '%s' "$value"
}

# The stack's region, from its ARN (arn:aws:cloudformation:<region>:<account>:stack/...).
stack_id=$(aws cloudformation describe-stacks --stack-name "$stack" --query "Stacks[0].StackId" --output text)
region=$(cut -d: -f4 <<<"$stack_id")
api_url=$(output ApiUrl)
user_pool_id=$(output UserPoolId)
app_client_id=$(output AppClientId)
bucket=$(output WebBucketName)
distribution=$(output WebDistributionId)
app_url=$(output AppUrl)

# Outputs are ids and URLs (no quotes or backslashes), so plain printf makes valid JSON.
printf '{"apiUrl":"%s","region":"%s","userPoolId":"%s","appClientId":"%s","cognitoEndpoint":"https://cognito-idp.%s.amazonaws.com"}\n' \
    "$api_url" "$region" "$user_pool_id" "$app_client_id" "$region" >web/dist/config.json

# New content-hashed assets first (cached for a year), then the files that name them (always
# revalidated), and only then the assets no build uses any more.
if [[ -d web/dist/assets ]]; then
    aws s3 sync web/dist/assets "s3://$bucket/assets" \
        --cache-control "public, max-age=31536000, immutable"
fi
aws s3 sync web/dist "s3://$bucket" --delete --exclude "assets/*" \
    --cache-control "no-cache"
if [[ -d web/dist/assets ]]; then
    aws s3 sync web/dist/assets "s3://$bucket/assets" --delete \
        --cache-control "public, max-age=31536000, immutable"
fi

aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/*' \
    --query "Invalidation.Id" --output text >/dev/null
echo "published to s3://$bucket; the app is at $app_url/ (invalidation of $distribution under way)"
