package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.Precision;
import java.util.Map;

/**
 * MMEngine's {@code AmpOptimWrapper}: mixed-precision training with loss scaling
 * ({@code loss_scale='dynamic'}, a number, or a dict of GradScaler arguments) in {@code dtype}
 * ({@code 'bfloat16'} or {@code 'float16'}). The weights the optimizer updates stay float32.
 *
 * <p>Where MMEngine autocasts on a CUDA device, here the TensorFlow graph of the model computes in
 * {@code dtype} (see {@link Precision}); without {@code dtype} it is {@code 'bfloat16'}, the CPU's
 * mixed precision (set {@code dtype='float16'} on a GPU build). The graph multiplies its loss by
 * {@link #gradScaler()}'s scale and reports whether the step was taken.
 */
@RegisterModule(registry = Registries.OPTIM_WRAPPERS)
public class AmpOptimWrapper extends OptimWrapper {
  private final GradScaler gradScaler;
  private final Precision precision;

  public AmpOptimWrapper(
      Optimizer optimizer,
      @Nullable ClipGrad clipGrad,
      @Param(defaultValue = "1") int accumulativeCounts,
      @Param(defaultValue = "None") @Nullable Object lossScale,
      @Param(defaultValue = "None") @Nullable String dtype) {
    super(optimizer, clipGrad, accumulativeCounts);
    this.gradScaler = GradScaler.fromConfig(lossScale);
    this.precision = precisionOf(dtype);
  }

  /** {@code dtype} as the graph's precision: None means bfloat16; float32 and float64 are not mixed precision. */
  public static Precision precisionOf(@Nullable Object dtype) {
    if (dtype == null) {
      return Precision.BFLOAT16;
    }
    Precision p = Precision.fromDtype(String.valueOf(dtype), "optim_wrapper.dtype");
    if (!p.isMixed()) {
      throw new IllegalArgumentException("optim_wrapper.dtype='float32' is not mixed precision: use type='OptimWrapper'");
    }
    return p;
  }

  /** The precision a model's graph must compute in for this wrapper, read from the {@code optim_wrapper} dict. */
  public static Precision precisionOfConfig(Map<?, ?> optimWrapperCfg) {
    return "AmpOptimWrapper".equals(optimWrapperCfg.get("type")) ? precisionOf(optimWrapperCfg.get("dtype")) : Precision.FLOAT32;
  }

  public GradScaler gradScaler() {
    return gradScaler;
  }

  public Precision precision() {
    return precision;
  }

  /** MMEngine's {@code AmpOptimWrapper.state_dict()} adds the GradScaler's state as {@code loss_scaler}. */
  @Override
  public Map<String, Object> wrapperStateDict() {
    return Map.of("loss_scaler", gradScaler.stateDict());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void loadWrapperStateDict(Map<String, Object> state, String source) {
    if (!(state.get("loss_scaler") instanceof Map<?, ?> scaler) || state.size() != 1) {
      throw new IllegalArgumentException(source + ": an AmpOptimWrapper's state needs exactly 'loss_scaler', got " + state.keySet());
    }
    gradScaler.loadStateDict((Map<String, Object>) scaler);
  }

  @Override
  protected void checkPrecision(Precision graphPrecision) {
    if (graphPrecision != precision) {
      throw new IllegalStateException("the optimizer wrapper trains in " + precision.dtype() + ", the model's graph was built for "
          + graphPrecision.dtype());
    }
  }

  @Override
  protected double lossScale() {
    return gradScaler.scale();
  }

  /** {@code AmpOptimWrapper.step}: GradScaler.update after every step, taken or skipped. */
  @Override
  protected void afterStep(boolean applied) {
    gradScaler.update(applied);
  }
}
