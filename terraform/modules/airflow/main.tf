# Apache Airflow from the official chart, installed by Terraform. The
# chart's database migration and user creation run as Helm post-install
# hooks by default; under helm_release with wait = true those hooks never
# run and the pods wait forever (terraform-provider-helm#683), so both jobs
# run as ordinary resources (useHelmHooks = false, applyCustomEnv = false),
# as the chart's documentation advises for Terraform and Argo CD installs.
#
# The namespace exists before this unit (the namespaces component), so the
# Secrets the release needs are created here first: the S3 connection, the
# Fernet key and the webserver secret key (generated, kept in state), and
# the webserver's TLS certificate. The metadata database URL and the git
# key stay references to Secrets their owners create.

locals {
  namespace         = var.namespace
  s3_env_secret     = "${var.release_name}-s3-connection"
  fernet_secret     = "${var.release_name}-fernet-key"
  webserver_secret  = "${var.release_name}-webserver-secret-key"
  tls_enabled       = var.tls_issuer != null
  tls_secret        = "${var.release_name}-webserver-tls"
  tls_dir           = "/opt/airflow/tls"
  probe_scheme      = local.tls_enabled ? "HTTPS" : "HTTP"
  remote_log_folder = "s3://${var.logs_bucket}/logs"

  # Conditional parts are maps of strings merged into a fixed object, never
  # "cond ? {...} : {...}" over objects of different shapes (which
  # Terraform unifies into a map of strings, turning enabled = false
  # into the string "false", true for Helm's templates).
  git_sync = merge(
    { enabled = var.dags_git_repo != null, resources = var.component_resources },
    var.dags_git_repo == null ? {} : {
      repo    = var.dags_git_repo
      branch  = var.dags_git_branch
      subPath = var.dags_git_sub_path
    },
    var.dags_git_ssh_key_secret == null ? {} : { sshKeySecret = var.dags_git_ssh_key_secret },
  )

  webserver_tls_config = local.tls_enabled ? {
    web_server_ssl_cert = "${local.tls_dir}/tls.crt"
    web_server_ssl_key  = "${local.tls_dir}/tls.key"
  } : {}

  values = {
    airflowVersion    = var.airflow_version
    defaultAirflowTag = var.airflow_version
    images            = { airflow = { repository = var.image_repository } }
    executor          = var.executor

    # Metadata database and secrets, all by reference.
    postgresql                   = { enabled = var.postgresql_enabled, image = { repository = var.postgresql_image_repository } }
    data                         = var.metadata_secret_name == null ? {} : { metadataSecretName = var.metadata_secret_name }
    fernetKeySecretName          = local.fernet_secret
    webserverSecretKeySecretName = local.webserver_secret

    migrateDatabaseJob = { useHelmHooks = false, applyCustomEnv = false, resources = var.component_resources }
    createUserJob      = { useHelmHooks = false, applyCustomEnv = false, resources = var.component_resources }
    webserver = {
      # The chart's default user is admin/admin: never created here.
      defaultUser       = { enabled = false }
      resources         = var.resources
      livenessProbe     = { scheme = local.probe_scheme }
      readinessProbe    = { scheme = local.probe_scheme }
      startupProbe      = { scheme = local.probe_scheme }
      extraVolumes      = local.tls_enabled ? [{ name = "webserver-tls", secret = { secretName = local.tls_secret } }] : []
      extraVolumeMounts = local.tls_enabled ? [{ name = "webserver-tls", mountPath = local.tls_dir, readOnly = true }] : []
    }

    dags = { gitSync = local.git_sync }

    config = {
      logging = {
        remote_logging         = "True"
        remote_base_log_folder = local.remote_log_folder
        remote_log_conn_id     = var.s3_connection_id
      }
      webserver = merge({ enable_proxy_fix = "True", rbac = "True" }, local.webserver_tls_config)
    }
    extraEnvFrom = yamlencode([{ secretRef = { name = local.s3_env_secret } }])

    scheduler    = { resources = var.resources }
    triggerer    = { resources = var.component_resources, persistence = { storageClassName = var.storage_class } }
    dagProcessor = { resources = var.component_resources }
    workers      = { resources = var.component_resources, persistence = { storageClassName = var.storage_class } }
    statsd       = { resources = var.component_resources }
    cleanup      = { resources = var.component_resources }
  }
}

# The S3 connection as an AIRFLOW_CONN_<ID> variable (JSON form), so the keys
# never appear in chart values.
resource "kubernetes_secret" "s3_connection" {
  metadata {
    name      = local.s3_env_secret
    namespace = local.namespace
  }

  data = {
    "AIRFLOW_CONN_${upper(var.s3_connection_id)}" = jsonencode({
      conn_type = "aws"
      login     = var.s3_access_key
      password  = var.s3_secret_key
      extra     = { endpoint_url = var.s3_endpoint }
    })
  }
}

# Fernet key: 32 random bytes, URL-safe base64, as Airflow requires.
resource "random_bytes" "fernet_key" {
  length = 32
}

resource "random_bytes" "webserver_secret_key" {
  length = 32
}

resource "kubernetes_secret" "fernet_key" {
  metadata {
    name      = local.fernet_secret
    namespace = local.namespace
  }

  data = {
    "fernet-key" = replace(replace(random_bytes.fernet_key.base64, "+", "-"), "/", "_")
  }
}

resource "kubernetes_secret" "webserver_secret_key" {
  metadata {
    name      = local.webserver_secret
    namespace = local.namespace
  }

  data = {
    "webserver-secret-key" = random_bytes.webserver_secret_key.hex
  }
}

resource "kubernetes_manifest" "certificate" {
  count = local.tls_enabled ? 1 : 0

  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "Certificate"
    metadata = {
      name      = local.tls_secret
      namespace = local.namespace
    }
    spec = {
      secretName = local.tls_secret
      issuerRef  = { name = var.tls_issuer, kind = "ClusterIssuer", group = "cert-manager.io" }
      dnsNames = [
        "${var.release_name}-webserver",
        "${var.release_name}-webserver.${local.namespace}",
        "${var.release_name}-webserver.${local.namespace}.svc",
        "${var.release_name}-webserver.${local.namespace}.svc.cluster.local",
      ]
    }
  }
}

resource "helm_release" "airflow" {
  name            = var.release_name
  namespace       = local.namespace
  repository      = var.chart_repository
  chart           = "airflow"
  version         = var.chart_version
  timeout         = var.helm_timeout
  wait            = var.helm_wait
  cleanup_on_fail = true
  max_history     = 10

  values = concat([yamlencode(local.values), yamlencode(local.trust_values)], var.extra_values)

  depends_on = [
    kubernetes_secret.s3_connection,
    kubernetes_secret.fernet_key,
    kubernetes_secret.webserver_secret_key,
    kubernetes_manifest.certificate,
  ]

  lifecycle {
    precondition {
      condition     = var.postgresql_enabled != (var.metadata_secret_name != null)
      error_message = "Set exactly one of metadata_secret_name (an external database) and postgresql_enabled (the bundled one)."
    }
  }
}

# What Airflow trusts, as a second values document. botocore (remote task
# logs, the S3 connection) trusts MinIO's CA through
# AWS_CA_BUNDLE: the ca.crt that the CA issuer writes into the webserver
# certificate's Secret, mounted alone into every Airflow container (the
# chart's top-level volumes, volumeMounts and env reach them all, pods of
# the KubernetesExecutor included). MinIO's certificate comes from the same
# issuer (the pki unit's).
locals {
  trust_ca  = local.tls_enabled && startswith(var.s3_endpoint, "https://")
  trust_dir = "/opt/airflow/platform-ca"
  trust_values = {
    env          = local.trust_ca ? [{ name = "AWS_CA_BUNDLE", value = "${local.trust_dir}/ca.crt" }] : []
    volumes      = local.trust_ca ? [{ name = "platform-ca", secret = { secretName = local.tls_secret, items = [{ key = "ca.crt", path = "ca.crt" }] } }] : []
    volumeMounts = local.trust_ca ? [{ name = "platform-ca", mountPath = local.trust_dir, readOnly = true }] : []
    # git-sync checks the DAG host's SSH key only when it is given
    dags = { gitSync = var.dags_git_known_hosts == null ? {} : { knownHosts = var.dags_git_known_hosts } }
  }
}
