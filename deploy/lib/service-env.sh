# Sourced by deploy/run.sh and deploy/cluster.sh: the settings every platform process gets when it runs
# on this machine. Expects ROOT, ISSUER (the gateway's public address), SI_SMTP, and the secrets below.
#
#   service_env NAME PORT [DATABASE]   exports the settings of one process (in a subshell, before exec)

WEB_CLIENT_SECRET="${SI_WEB_CLIENT_SECRET:-web-client-secret-for-local-runs}"
NOTIFICATION_CLIENT_SECRET="${SI_NOTIFICATION_CLIENT_SECRET:-notification-client-secret-for-local-runs}"

service_env() {
  local name=$1 port=$2 db=${3:-}
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  export ASPNETCORE_URLS="http://127.0.0.1:$port"
  export OTEL_SERVICE_NAME="$name"
  # The seeded edition is 2018: in Development the services' clock starts inside its submission
  # window (SI_CLOCK_START= empty for the real clock). Ignored outside Development. Never for the
  # identity service: tokens carry real times, which every API checks against its real clock.
  [[ $name == identity ]] || export Clock__Start="${SI_CLOCK_START-2018-02-15T10:00:00+01:00}"
  # One signing authority: the identity service, reached (like by any client) through the gateway.
  export Auth__Authority="$ISSUER"
  export Identity__Issuer="$ISSUER" Identity__Keys__DevelopmentFolder="$ROOT/.local/identity-keys"
  export Mail__Host="${SI_SMTP%:*}" Mail__Port="${SI_SMTP##*:}" Mail__Security=None # smtp4dev speaks plain SMTP on loopback
  # The web front-end signs people in as a confidential client of the identity service (a local secret).
  export Identity__WebClients__0__ClientId=web Identity__WebClients__0__ClientSecret="$WEB_CLIENT_SECRET" Identity__WebClients__0__DisplayName="Semaine de l'Industrie"
  export Identity__WebClients__0__RedirectUris__0="${ISSUER}session/retour" Identity__WebClients__0__PostLogoutRedirectUris__0="${ISSUER}session/fin"
  export Web__SignIn__Authority="$ISSUER" Web__SignIn__ClientId=web Web__SignIn__ClientSecret="$WEB_CLIENT_SECRET"
  # The notification service reads who to tell from the identity service (client credentials, scope recipients).
  export Identity__ServiceClients__0__ClientId=notification Identity__ServiceClients__0__ClientSecret="$NOTIFICATION_CLIENT_SECRET" Identity__ServiceClients__0__Scopes__0=recipients
  export Notification__Identity__BaseUrl="http://127.0.0.1:8086/" Notification__Identity__ClientSecret="$NOTIFICATION_CLIENT_SECRET"
  export Notification__PublicBaseUrl="${SI_PUBLIC_BASE_URL:-${ISSUER%/}}/"
  export Catalogue__PublicBaseUrl="${SI_PUBLIC_BASE_URL:-${ISSUER%/}}" # JSON-LD @id (publication)
  export Web__ApiBaseUrl="$ISSUER"                                     # the pages read the APIs through the gateway (web)
  if [[ -n $db ]]; then
    export ConnectionStrings__Postgres="$SI_POSTGRES;Database=si_$db" ConnectionStrings__RabbitMq="$SI_RABBITMQ"
  fi
}
