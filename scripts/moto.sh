# Start moto_server on a free loopback port and point AWS clients at it.
# Source this file; it sets MOTO_PID and AWS_* variables and stops the
# server when the shell exits.

moto_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_log=$(mktemp -t slam-moto.XXXXXX.log)
moto_server -H 127.0.0.1 -p "$moto_port" >"$moto_log" 2>&1 &
MOTO_PID=$!
trap 'kill "$MOTO_PID" 2>/dev/null; wait "$MOTO_PID" 2>/dev/null; rm -f "$moto_log"' EXIT

for _ in $(seq 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$moto_port/moto-api/"; then
    break
  fi
  sleep 0.1
done

export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing
unset AWS_SESSION_TOKEN AWS_PROFILE
export AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
export AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_CONFIG_FILE=/dev/null
