output "namespace" {
  description = "Namespace the Flink jobs run in."
  value       = var.namespace
}

output "deployment_names" {
  description = "Names of the FlinkDeployment resources, one per job."
  value       = sort(keys(var.jobs))
}

output "checkpoints_dir" {
  description = "S3 URI under which every job keeps its checkpoints (one subdirectory per job)."
  value       = local.checkpoints_root
}
