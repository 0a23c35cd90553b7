package io.posekit.runtime.engine.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optimizer state of one parameter (PyTorch's {@code optimizer.state[p]}): a step count and
 * named buffers ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq},
 * {@code max_exp_avg_sq}) the same length as the parameter.
 */
public final class ParamState {
  private long step;
  private final Map<String, float[]> buffers = new LinkedHashMap<>();

  public ParamState() {}

  public ParamState(long step, Map<String, float[]> buffers) {
    this.step = step;
    buffers.forEach((k, v) -> this.buffers.put(k, v.clone()));
  }

  public long step() {
    return step;
  }

  public void setStep(long step) {
    this.step = step;
  }

  public boolean has(String buffer) {
    return buffers.containsKey(buffer);
  }

  /** The buffer, created as zeros of {@code size} on first use. */
  public float[] buffer(String name, int size) {
    float[] buffer = buffers.computeIfAbsent(name, k -> new float[size]);
    if (buffer.length != size) {
      throw new IllegalStateException(
          "optimizer buffer '" + name + "' has " + buffer.length + " values, the parameter " + size);
    }
    return buffer;
  }

  public Map<String, float[]> buffers() {
    return buffers;
  }

  ParamState copy() {
    return new ParamState(step, buffers);
  }
}
