# Apache Airflow from the official chart, installed by Terraform. The
# chart's database migration and user creation run as Helm post-install
# hooks by default; under helm_release with wait = true those hooks never
# run and the pods wait forever (terraform-provider-helm#683), so both jobs
# run as ordinary resources (useHelmHooks = false, applyCustomEnv = false),
# as the chart's documentation advises for Terraform and Argo CD installs.

locals {
  namespace         = var.create_namespace ? kubernetes_namespace.this[0].metadata[0].name : var.namespace
  s3_env_secret     = "${var.release_name}-s3-connection"
  remote_log_folder = "s3://${var.logs_bucket}/logs"

  # Conditional parts are maps of strings merged into a fixed object, never
  # "cond ? {...} : {...}" over objects of different shapes (which
  # Terraform unifies into a map of strings, turning enabled = false
  # into the string "false", true for Helm's templates).
  git_sync = merge(
    { enabled = var.dags_git_repo != null },
    var.dags_git_repo == null ? {} : {
      repo    = var.dags_git_repo
      branch  = var.dags_git_branch
      subPath = var.dags_git_sub_path
    },
    var.dags_git_ssh_key_secret == null ? {} : { sshKeySecret = var.dags_git_ssh_key_secret },
  )

  values = {
    airflowVersion    = var.airflow_version
    defaultAirflowTag = var.airflow_version
    images            = { airflow = { repository = var.image_repository } }
    executor          = var.executor

    # External metadata database and secrets, all by reference.
    postgresql                   = { enabled = false }
    data                         = { metadataSecretName = var.metadata_secret_name }
    fernetKeySecretName          = var.fernet_key_secret_name
    webserverSecretKeySecretName = var.webserver_secret_key_secret_name

    migrateDatabaseJob = { useHelmHooks = false, applyCustomEnv = false }
    createUserJob      = { useHelmHooks = false, applyCustomEnv = false }
    # The chart's default user is admin/admin: never created here.
    webserver = { defaultUser = { enabled = false } }

    dags = { gitSync = local.git_sync }

    config = {
      logging = {
        remote_logging         = "True"
        remote_base_log_folder = local.remote_log_folder
        remote_log_conn_id     = var.s3_connection_id
      }
    }
    extraEnvFrom = yamlencode([{ secretRef = { name = local.s3_env_secret } }])

    scheduler = { resources = var.resources }
    workers   = { persistence = { storageClassName = var.storage_class } }
    triggerer = { persistence = { storageClassName = var.storage_class } }
  }
}

resource "kubernetes_namespace" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name   = var.namespace
    labels = { "app.kubernetes.io/part-of" = "mds" }
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

  values = concat([yamlencode(local.values)], var.extra_values)

  depends_on = [kubernetes_secret.s3_connection]
}
