package io.posekit.runtime.engine.model;

/**
 * A data loader: a fixed number of batches per epoch, in an order that depends only on the epoch
 * (MMEngine's {@code DefaultSampler} shuffles with {@code seed + epoch}), so that resuming at an
 * epoch replays the same batches.
 *
 * @param <B> the batch type
 */
public interface DataSource<B> {
  /** Number of batches per epoch ({@code len(dataloader)}, the {@code epoch_length}). */
  int length();

  /** Samples per batch on this process; {@code auto_scale_lr} compares it to {@code base_batch_size}. */
  int batchSize();

  /** {@code sampler.set_epoch}: called by {@code DistSamplerSeedHook} before each epoch. */
  void setEpoch(int epoch);

  /** The {@code index}-th batch of the current epoch, {@code 0 <= index < length()}. */
  B batch(int index);
}
