# Sourced by deploy/run.sh and deploy/cluster.sh: the settings every platform process gets when it runs on this
# machine, read from deploy/platform.settings — the one definition the integration tests' platform reads too.
# Expects ROOT, ISSUER (the gateway's public address), SI_SMTP, SI_POSTGRES and SI_RABBITMQ.
#
#   service_env NAME PORT [DATABASE]   exports the settings of one process (in a subshell, before exec)
#
# Each process's own address ({identity}, {publication}, …) is 127.0.0.1 on the port of SERVICE_PORTS below
# (deploy/cluster.sh sets each replica's own before calling service_env).

WEB_CLIENT_SECRET="${SI_WEB_CLIENT_SECRET:-web-client-secret-for-local-runs}"
declare -gA SERVICE_PORTS=([submission]=8081 [review]=8082 [geocoding]=8083 [publication]=8084 [web]=8085 [identity]=8086 [notification]=8087)

# The value of each {placeholder} of deploy/platform.settings for process $1.
platform_placeholders() {
  local name=$1 service
  PLACEHOLDERS=(
    [process]="$name" [issuer]="$ISSUER"
    [clock-start]="${SI_CLOCK_START-2018-02-15T10:00:00+01:00}"
    [clock-anchor]="${SI_CLOCK_ANCHOR:-}"
    [smtp-host]="${SI_SMTP%:*}" [smtp-port]="${SI_SMTP##*:}"
    [keys-folder]="$ROOT/.local/identity-keys"
    [web-client-secret]="$WEB_CLIENT_SECRET"
  )
  for service in "${!SERVICE_PORTS[@]}"; do PLACEHOLDERS[$service]="http://127.0.0.1:${SERVICE_PORTS[$service]}/"; done
}

service_env() {
  local name=$1 port=$2 db=${3:-}
  local process=$name
  declare -A PLACEHOLDERS
  platform_placeholders "$process"
  local who key value placeholder
  while read -r who key value; do
    [[ -z $who || $who == \#* ]] && continue
    [[ $who == "*" || $who == "$process" ]] || continue
    for placeholder in "${!PLACEHOLDERS[@]}"; do value="${value//\{$placeholder\}/${PLACEHOLDERS[$placeholder]}}"; done
    [[ $value != *\{*\}* ]] || { echo "[settings] $key: unknown placeholder in '$value'" >&2; return 1; }
    export "$key=$value"
  done < "$ROOT/deploy/platform.settings"
  export ASPNETCORE_URLS="http://127.0.0.1:$port"
  if [[ -n $db ]]; then
    export ConnectionStrings__Postgres="$SI_POSTGRES;Database=si_$db" ConnectionStrings__RabbitMq="$SI_RABBITMQ"
  fi
}
