# MinIO object storage from the community chart. Buckets, users and policies
# are deliberately not managed here: the chart creates them in post-install
# Jobs that Terraform cannot see, so the minio-config module owns them.
#
# Security defaults: TLS from a cert-manager certificate (tls_issuer),
# authenticated metrics (MINIO_PROMETHEUS_AUTH_TYPE stays jwt), root
# credentials by reference, a PodDisruptionBudget in distributed mode, and
# requests and limits on the pods.

locals {
  namespace = var.namespace

  # The chart's fullname: the release name when it already contains "minio",
  # otherwise "<release>-minio" (templates/_helpers.tpl).
  fullname      = strcontains(var.release_name, "minio") ? var.release_name : "${var.release_name}-minio"
  api_host      = "${local.fullname}.${local.namespace}.svc.cluster.local"
  api_host_port = "${local.api_host}:9000"
  console_host  = "${local.fullname}-console.${local.namespace}.svc.cluster.local"
  tls_enabled   = var.tls_issuer != null
  scheme        = local.tls_enabled ? "https" : "http"
  tls_secret    = "${local.fullname}-tls"
  endpoint      = coalesce(var.external_endpoint, local.api_host_port)

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

    # cert-manager writes tls.crt / tls.key; the chart mounts them under the
    # names MinIO expects.
    tls = {
      enabled    = local.tls_enabled
      certSecret = local.tls_enabled ? local.tls_secret : ""
      publicCrt  = "tls.crt"
      privateKey = "tls.key"
    }

    persistence = {
      enabled      = true
      size         = var.storage_size
      storageClass = var.storage_class == null ? "" : var.storage_class
    }
    resources           = var.resources
    podDisruptionBudget = { enabled = var.mode == "distributed", maxUnavailable = 1 }
    service             = { type = var.service_type }
    consoleService      = { type = var.service_type }
    metrics = {
      # public = false keeps the metrics endpoint behind a bearer token.
      serviceMonitor = { enabled = var.service_monitor_enabled, public = false }
    }
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
      dnsNames = compact([
        local.fullname,
        "${local.fullname}.${local.namespace}",
        "${local.fullname}.${local.namespace}.svc",
        local.api_host,
        # the pods of a distributed deployment, through the headless service
        "*.${local.fullname}-svc.${local.namespace}.svc.cluster.local",
        var.external_endpoint == null ? "" : split(":", var.external_endpoint)[0],
      ])
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

  depends_on = [kubernetes_manifest.certificate]

  lifecycle {
    precondition {
      condition     = var.mode == "standalone" ? var.replicas == 1 : var.replicas >= 4
      error_message = "Standalone mode runs exactly 1 replica; distributed mode needs at least 4 (erasure coding)."
    }
  }
}
