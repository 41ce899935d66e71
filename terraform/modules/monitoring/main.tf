# kube-prometheus-stack: Prometheus Operator (and its CRDs such as
# ServiceMonitor), Prometheus, Alertmanager and Grafana. Applied before the
# charts that create ServiceMonitors, which fail without the CRDs. The node
# exporter needs host access: its namespace enforces the privileged Pod
# Security level (see the namespaces component).

locals {
  # The chart's resource prefix: the release name, shortened to 26
  # characters by its fullname helper.
  fullname = substr(strcontains(var.release_name, "kube-prometheus-stack") ? var.release_name : "${var.release_name}-kube-prometheus-stack", 0, 26)

  values = {
    prometheus = {
      prometheusSpec = {
        retention = var.prometheus_retention
        resources = var.resources
        # Scrape ServiceMonitors and PodMonitors of every release, not only
        # those labelled for this one.
        serviceMonitorSelectorNilUsesHelmValues = false
        podMonitorSelectorNilUsesHelmValues     = false
        storageSpec = {
          volumeClaimTemplate = {
            spec = merge(
              {
                accessModes = ["ReadWriteOnce"]
                resources   = { requests = { storage = var.storage_size } }
              },
              var.storage_class == null ? {} : { storageClassName = var.storage_class },
            )
          }
        }
      }
    }
    alertmanager = {
      enabled          = var.alertmanager_enabled
      alertmanagerSpec = { resources = var.component_resources }
    }
    prometheusOperator = {
      resources = var.component_resources
      # the config-reloader sidecar of the Prometheus and Alertmanager pods,
      # and the Jobs that patch the admission webhooks' certificates
      prometheusConfigReloader = { resources = var.component_resources }
      admissionWebhooks        = { patch = { resources = var.component_resources } }
    }
    # Subcharts: their keys are the subcharts' own (grafana 12.x,
    # kube-state-metrics, prometheus-node-exporter), not checked against
    # this chart's values.yaml.
    "kube-state-metrics"       = { resources = var.component_resources }
    "prometheus-node-exporter" = { resources = var.component_resources }
    grafana = {
      enabled   = var.grafana_enabled
      resources = var.component_resources
      # the dashboards and datasources sidecars (grafana chart's sidecar.resources)
      sidecar = { resources = var.component_resources }
      # Administrator credentials by reference only, never adminPassword.
      admin = {
        existingSecret = var.grafana_admin_secret
        userKey        = "admin-user"
        passwordKey    = "admin-password"
      }
    }
  }
}

resource "helm_release" "monitoring" {
  name             = var.release_name
  namespace        = var.namespace
  create_namespace = var.create_namespace
  repository       = var.chart_repository
  chart            = "kube-prometheus-stack"
  version          = var.chart_version
  timeout          = var.helm_timeout
  wait             = var.helm_wait
  cleanup_on_fail  = true
  max_history      = 10

  values = concat([yamlencode(local.values)], var.extra_values)
}
