# The issuer every TLS certificate of the platform comes from. A unit of its
# own, after cert-manager: its resources are cert-manager custom resources,
# which kubernetes_manifest checks against the live CRDs at plan time (on a
# fresh cluster this unit's plan waits until cert-manager is applied).
#
# self_signed = true (dev): a self-signed bootstrap issuer signs a platform
# CA, and the CA issuer signs every certificate; clients trust the CA from
# the Secret named by ca_secret_name. self_signed = false: the platform uses
# an existing ClusterIssuer (issuer_name, e.g. the company CA or ACME).

locals {
  issuer_name = var.self_signed ? "${var.name}-ca" : var.issuer_name
}

resource "kubernetes_manifest" "bootstrap_issuer" {
  count = var.self_signed ? 1 : 0

  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "ClusterIssuer"
    metadata   = { name = "${var.name}-selfsigned" }
    spec       = { selfSigned = {} }
  }
}

resource "kubernetes_manifest" "ca_certificate" {
  count = var.self_signed ? 1 : 0

  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "Certificate"
    metadata = {
      name      = "${var.name}-ca"
      namespace = var.cert_manager_namespace
    }
    spec = {
      isCA       = true
      commonName = "${var.name} platform CA"
      secretName = var.ca_secret_name
      duration   = var.ca_duration
      privateKey = { algorithm = "ECDSA", size = 256 }
      issuerRef  = { name = kubernetes_manifest.bootstrap_issuer[0].manifest.metadata.name, kind = "ClusterIssuer", group = "cert-manager.io" }
    }
  }
}

# A ClusterIssuer of kind CA reads its Secret from cert-manager's own
# namespace (the cluster resource namespace).
resource "kubernetes_manifest" "ca_issuer" {
  count = var.self_signed ? 1 : 0

  manifest = {
    apiVersion = "cert-manager.io/v1"
    kind       = "ClusterIssuer"
    metadata   = { name = local.issuer_name }
    spec       = { ca = { secretName = var.ca_secret_name } }
  }

  depends_on = [kubernetes_manifest.ca_certificate]
}
