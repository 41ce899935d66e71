# cert-manager from Jetstack's chart. The Flink operator's admission webhook
# needs it, so it is its own unit applied before flink-operator.

locals {
  values = {
    crds = {
      enabled = var.install_crds
      # Keep the CRDs (and so every Certificate) when the release goes away.
      keep = true
    }
    replicaCount = var.replicas
    resources    = var.resources
  }
}

resource "helm_release" "cert_manager" {
  name             = var.release_name
  namespace        = var.namespace
  create_namespace = var.create_namespace
  repository       = var.chart_repository
  chart            = "cert-manager"
  version          = var.chart_version
  timeout          = var.helm_timeout
  wait             = var.helm_wait
  cleanup_on_fail  = true
  max_history      = 10

  values = concat([yamlencode(local.values)], var.extra_values)
}
