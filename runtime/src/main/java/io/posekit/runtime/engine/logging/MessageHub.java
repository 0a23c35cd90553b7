package io.posekit.runtime.engine.logging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MMEngine's {@code MessageHub}: scalars logged by hooks ({@code train/loss}, {@code train/time},
 * {@code val/coco/AP}) and runtime info ({@code epoch}, {@code iter}, {@code eta}, the
 * checkpoint hook's best score). Runtime info holds JSON-friendly values and is saved in
 * checkpoints so that a resumed run knows its best score and kept checkpoints.
 */
public final class MessageHub {
  private static final int MAX_HISTORY = 1_000_000;
  private final Map<String, HistoryBuffer> scalars = new LinkedHashMap<>();
  private final Map<String, Object> runtimeInfo = new LinkedHashMap<>();

  public void updateScalar(String key, double value) {
    scalars.computeIfAbsent(key, k -> new HistoryBuffer(MAX_HISTORY)).update(value);
  }

  public Map<String, HistoryBuffer> logScalars() {
    return scalars;
  }

  public HistoryBuffer getScalar(String key) {
    HistoryBuffer buffer = scalars.get(key);
    if (buffer == null) {
      throw new IllegalArgumentException("message hub has no scalar '" + key + "' (has " + scalars.keySet() + ")");
    }
    return buffer;
  }

  public void updateInfo(String key, Object value) {
    runtimeInfo.put(key, value);
  }

  public Object getInfo(String key) {
    return runtimeInfo.get(key);
  }

  public boolean hasInfo(String key) {
    return runtimeInfo.containsKey(key);
  }

  public Map<String, Object> runtimeInfo() {
    return runtimeInfo;
  }

  /** Runtime info for checkpoints. */
  public Map<String, Object> stateDict() {
    return new LinkedHashMap<>(runtimeInfo);
  }

  public void loadStateDict(Map<String, Object> state) {
    runtimeInfo.putAll(state);
  }
}
