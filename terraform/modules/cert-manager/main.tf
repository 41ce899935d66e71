# cert-manager from Jetstack's chart. The Flink operator's admission webhook
# and the pki unit's issuers need it, so it is its own unit applied first.
# The chart is served from the OCI registry its README names since v1.21.

locals {
  values = {
    crds = {
      enabled = var.install_crds
      # Keep the CRDs (and so every Certificate) when the release goes away.
      keep = true
    }
    replicaCount = var.replicas
    # A disruption budget only makes sense with a second replica.
    podDisruptionBudget = { enabled = var.replicas > 1 }
    resources           = var.resources
    webhook             = { replicaCount = var.replicas, resources = var.resources, podDisruptionBudget = { enabled = var.replicas > 1 } }
    cainjector          = { replicaCount = var.replicas, resources = var.resources, podDisruptionBudget = { enabled = var.replicas > 1 } }
    startupapicheck     = { resources = var.resources }
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
