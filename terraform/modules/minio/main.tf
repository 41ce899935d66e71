# MinIO object storage from the community chart. Buckets, users and policies
# are deliberately not managed here: the chart creates them in post-install
# Jobs that Terraform cannot see, so the minio-config module owns them.

locals {
  namespace = var.namespace

  # The chart's fullname: the release name when it already contains "minio",
  # otherwise "<release>-minio" (templates/_helpers.tpl).
  fullname      = strcontains(var.release_name, "minio") ? var.release_name : "${var.release_name}-minio"
  api_host      = "${local.fullname}.${local.namespace}.svc.cluster.local"
  api_host_port = "${local.api_host}:9000"
  console_host  = "${local.fullname}-console.${local.namespace}.svc.cluster.local"

  values = {
    mode          = var.mode
    replicas      = var.replicas
    drivesPerNode = var.drives_per_node
    image = {
      repository = var.image_repository
      tag        = var.image_tag
    }

    # Root credentials only by reference; never rootUser/rootPassword values.
    existingSecret = var.root_credentials_secret

    # The chart's default users list creates console/console123 with
    # consoleAdmin; empty lists switch off every post-install provisioning Job.
    users    = []
    policies = []
    buckets  = []
    svcaccts = []

    persistence = {
      enabled      = true
      size         = var.storage_size
      storageClass = var.storage_class == null ? "" : var.storage_class
    }
    resources      = var.resources
    service        = { type = var.service_type }
    consoleService = { type = var.service_type }
    metrics = {
      serviceMonitor = { enabled = var.service_monitor_enabled }
    }
  }
}

resource "helm_release" "minio" {
  name             = var.release_name
  namespace        = var.namespace
  create_namespace = var.create_namespace
  repository       = var.chart_repository
  chart            = "minio"
  version          = var.chart_version
  timeout          = var.helm_timeout
  wait             = var.helm_wait
  cleanup_on_fail  = true
  max_history      = 10

  values = concat([yamlencode(local.values)], var.extra_values)

  lifecycle {
    precondition {
      condition     = var.mode == "standalone" ? var.replicas == 1 : var.replicas >= 4
      error_message = "Standalone mode runs exactly 1 replica; distributed mode needs at least 4 (erasure coding)."
    }
  }
}
