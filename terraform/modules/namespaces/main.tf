# Every namespace of the platform, created before any release so that the
# Secrets a chart needs can exist before its pods start (no chart creates
# its own namespace). Each namespace gets Pod Security Admission labels and a
# default-deny NetworkPolicy; the flows the platform needs are opened one by
# one below, from the `namespaces` input.

locals {
  # Namespaces allowed to reach each namespace (besides itself).
  ingress_from = { for ns, cfg in var.namespaces : ns => cfg.ingress_from }
}

resource "kubernetes_namespace" "this" {
  for_each = var.namespaces

  metadata {
    name = each.key
    labels = {
      "app.kubernetes.io/part-of" = "mds"
      # Pod Security Admission: enforce the namespace's level, warn and
      # audit against restricted so that drift towards it is visible.
      "pod-security.kubernetes.io/enforce"         = each.value.pod_security
      "pod-security.kubernetes.io/enforce-version" = var.pod_security_version
      "pod-security.kubernetes.io/warn"            = "restricted"
      "pod-security.kubernetes.io/audit"           = "restricted"
    }
  }
}

# Nothing in, nothing out unless a policy below allows it.
resource "kubernetes_network_policy" "default_deny" {
  for_each = kubernetes_namespace.this

  metadata {
    name      = "default-deny"
    namespace = each.value.metadata[0].name
  }

  spec {
    pod_selector {}
    policy_types = ["Ingress", "Egress"]
  }
}

# Pods talk to pods of their own namespace, resolve names through the
# cluster DNS, and reach the namespaces listed in ingress_from of others.
resource "kubernetes_network_policy" "platform" {
  for_each = kubernetes_namespace.this

  metadata {
    name      = "platform-flows"
    namespace = each.value.metadata[0].name
  }

  spec {
    pod_selector {}
    policy_types = ["Ingress", "Egress"]

    ingress {
      from {
        pod_selector {}
      }
      dynamic "from" {
        for_each = local.ingress_from[each.key]
        content {
          namespace_selector {
            match_labels = { "kubernetes.io/metadata.name" = from.value }
          }
        }
      }
    }

    egress {
      to {
        pod_selector {}
      }
      dynamic "to" {
        for_each = [for ns, from in local.ingress_from : ns if contains(from, each.key)]
        content {
          namespace_selector {
            match_labels = { "kubernetes.io/metadata.name" = to.value }
          }
        }
      }
    }

    egress {
      to {
        namespace_selector {
          match_labels = { "kubernetes.io/metadata.name" = "kube-system" }
        }
        pod_selector {
          match_labels = { "k8s-app" = "kube-dns" }
        }
      }
      ports {
        port     = "53"
        protocol = "UDP"
      }
      ports {
        port     = "53"
        protocol = "TCP"
      }
    }
  }
}

# Operators and controllers talk to the Kubernetes API server, and the API
# server calls admission webhooks on their webhook_ports; neither end is a
# pod, so they are CIDRs.
resource "kubernetes_network_policy" "api_server" {
  for_each = { for ns, cfg in var.namespaces : ns => cfg if cfg.api_server_access }

  metadata {
    name      = "api-server"
    namespace = kubernetes_namespace.this[each.key].metadata[0].name
  }

  spec {
    pod_selector {}
    policy_types = ["Ingress", "Egress"]

    # Only the webhooks' own ports: an ingress rule without ports (or
    # without sources) would open every pod of the namespace to any address.
    dynamic "ingress" {
      for_each = length(each.value.webhook_ports) > 0 ? [each.value.webhook_ports] : []
      content {
        dynamic "from" {
          for_each = var.api_server_cidrs
          content {
            ip_block {
              cidr = from.value
            }
          }
        }
        dynamic "ports" {
          for_each = ingress.value
          content {
            port     = tostring(ports.value)
            protocol = "TCP"
          }
        }
      }
    }

    egress {
      dynamic "to" {
        for_each = var.api_server_cidrs
        content {
          ip_block {
            cidr = to.value
          }
        }
      }
      dynamic "ports" {
        for_each = each.value.node_ports
        content {
          port     = tostring(ports.value)
          protocol = "TCP"
        }
      }
    }
  }
}
