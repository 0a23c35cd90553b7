package io.posekit.tfmodels.distributed;

/**
 * How a model's graph takes part in a data-parallel run, what MMEngine's {@code wrap_model} sets
 * up: the {@code cluster} task it runs on, the {@code collectives} that average its gradients,
 * and whether every batch norm computes its batch statistics over all ranks
 * ({@code cfg.sync_bn}, MMEngine's {@code convert_sync_batchnorm}); layers written with
 * {@code norm_cfg=dict(type='SyncBN')} synchronise either way.
 */
public record DataParallel(TfCluster cluster, Collectives collectives, boolean syncAllBatchNorm) {}
