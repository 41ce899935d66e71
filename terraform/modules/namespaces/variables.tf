variable "namespaces" {
  type = map(object({
    pod_security      = optional(string, "baseline")
    ingress_from      = optional(list(string), [])
    api_server_access = optional(bool, false)
    node_ports        = optional(list(number), [443, 6443])
    webhook_ports     = optional(list(number), [])
  }))
  description = "Namespaces of the platform: the Pod Security Admission level enforced (privileged, baseline or restricted), the namespaces whose pods may connect to this one's, and whether its pods talk to the Kubernetes API and are called by it (operators, admission webhooks), on which ports of api_server_cidrs (node_ports: the kubelet's 10250 and the node exporter's 9100 for Prometheus; other hosts outside the cluster a namespace needs, such as git over SSH on 22 or a database on 5432, until their own CIDRs are known), and the container ports of its admission webhooks, the only ports api_server_cidrs may connect to (webhook_ports; none: no ingress from outside the cluster at all)."

  validation {
    condition     = alltrue([for ns in values(var.namespaces) : contains(["privileged", "baseline", "restricted"], ns.pod_security)])
    error_message = "pod_security must be privileged, baseline or restricted."
  }

  validation {
    condition     = alltrue([for ns in values(var.namespaces) : ns.api_server_access || length(ns.webhook_ports) == 0])
    error_message = "webhook_ports need api_server_access: the API server is what calls a webhook."
  }
}

variable "pod_security_version" {
  type        = string
  description = "Kubernetes minor version whose Pod Security standards are enforced (pod-security.kubernetes.io/enforce-version), pinned so that a cluster upgrade does not tighten them unannounced."
  default     = "v1.31"
}

variable "api_server_cidrs" {
  type        = list(string)
  description = "CIDRs of the Kubernetes API server and the nodes, for the namespaces with api_server_access (the default allows any address, on each namespace's node_ports only)."
  default     = ["0.0.0.0/0"]

  # No CIDR would leave the webhooks' ingress rule without sources, which
  # Kubernetes reads as "from anywhere".
  validation {
    condition     = length(var.api_server_cidrs) > 0 && alltrue([for c in var.api_server_cidrs : can(cidrhost(c, 0))])
    error_message = "api_server_cidrs must list at least one CIDR (an empty list opens the webhooks' ports to any source)."
  }
}
