# The Flink Kubernetes Operator. Its CRDs (FlinkDeployment, FlinkSessionJob,
# ...) come from the chart's crds/ directory, which Helm installs once and
# never upgrades; the jobs themselves are the flink-jobs unit, applied after
# this one because their manifests are validated against the CRDs at plan
# time.

locals {
  metrics_port = 9999
  # Apache publishes one Helm repository per operator release; only the
  # archive keeps a release once a newer one is out.
  chart_repository = coalesce(var.chart_repository, "https://archive.apache.org/dist/flink/flink-kubernetes-operator-${var.chart_version}/")
  # The chart: "Replicas must be 1 unless operator leader election is
  # configured", and the strategy must be Recreate without it.
  leader_election = var.replicas > 1
  keystore_secret = "${var.release_name}-webhook-keystore"
  # The chart's default keystore password is a literal in the chart
  # (useDefaultPassword); the one below is generated.
  webhook = merge({ create = var.webhook_enabled }, var.webhook_enabled ? {
    keystore = { useDefaultPassword = false, passwordSecretRef = { name = local.keystore_secret, key = "password" } }
  } : {})

  values = merge(
    {
      image = {
        repository = var.image_repository
        tag        = var.image_tag
      }
      replicas          = var.replicas
      strategy          = { type = local.leader_election ? "RollingUpdate" : "Recreate" }
      webhook           = local.webhook
      jobServiceAccount = { create = true, name = var.job_service_account }
      operatorPod       = { resources = var.resources, webhook = { resources = var.resources } }
      # The chart has no monitor of its own: the operator's Prometheus
      # reporter is switched on in its configuration, the PodMonitor is below.
      metrics = { port = var.service_monitor_enabled ? local.metrics_port : null }
      defaultConfiguration = {
        create = true
        append = true
        "flink-conf.yaml" = join("\n", concat(["# Managed by mds-infra (flink-operator module)"], var.service_monitor_enabled ? [
          "kubernetes.operator.metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
          "kubernetes.operator.metrics.reporter.prom.port: ${local.metrics_port}",
          ] : [], local.leader_election ? [
          "kubernetes.operator.leader-election.enabled: true",
          "kubernetes.operator.leader-election.lease-name: ${var.release_name}-lease",
        ] : []))
      }
    },
    length(var.watch_namespaces) == 0 ? {} : { watchNamespaces = var.watch_namespaces },
  )
}

# The password of the webhook's PKCS12 keystore, which cert-manager writes
# and the webhook reads (passwordSecretRef).
resource "random_password" "webhook_keystore" {
  count = var.webhook_enabled ? 1 : 0

  length  = 32
  special = false
}

resource "kubernetes_secret" "webhook_keystore" {
  count = var.webhook_enabled ? 1 : 0

  metadata {
    name      = local.keystore_secret
    namespace = var.namespace
  }

  data = {
    password = random_password.webhook_keystore[0].result
  }
}

resource "kubernetes_manifest" "pod_monitor" {
  count = var.service_monitor_enabled ? 1 : 0

  manifest = {
    apiVersion = "monitoring.coreos.com/v1"
    kind       = "PodMonitor"
    metadata = {
      name      = "${var.release_name}-metrics"
      namespace = var.namespace
    }
    spec = {
      selector = {
        matchLabels = { "app.kubernetes.io/name" = "flink-kubernetes-operator" }
      }
      podMetricsEndpoints = [{ port = "metrics" }]
    }
  }

  depends_on = [helm_release.flink_operator]
}

resource "helm_release" "flink_operator" {
  name             = var.release_name
  namespace        = var.namespace
  create_namespace = var.create_namespace
  repository       = local.chart_repository
  chart            = "flink-kubernetes-operator"
  version          = var.chart_version
  timeout          = var.helm_timeout
  wait             = var.helm_wait
  cleanup_on_fail  = true
  max_history      = 10

  values = concat([yamlencode(local.values)], var.extra_values)

  depends_on = [kubernetes_secret.webhook_keystore]
}
