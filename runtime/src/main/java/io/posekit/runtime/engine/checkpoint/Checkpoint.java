package io.posekit.runtime.engine.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one checkpoint, MMEngine's dict with {@code meta}, {@code state_dict},
 * {@code optimizer}, {@code param_schedulers}, {@code message_hub}: JSON-friendly values in
 * {@link #meta()} (counters, seed and RNG state, dataset meta, config text, optimizer
 * hyper-parameters, scheduler states, runtime info) and float arrays by slash-separated key in
 * {@link #arrays()} ({@code state_dict/backbone.conv1.weight},
 * {@code optimizer/state/<param index>/exp_avg}, {@code ema_state_dict/...}).
 */
public final class Checkpoint {
  public static final String STATE_DICT = "state_dict/";

  private final Map<String, Object> meta;
  private final Map<String, float[]> arrays;

  public Checkpoint() {
    this(new LinkedHashMap<>(), new TreeMap<>());
  }

  public Checkpoint(Map<String, Object> meta, Map<String, float[]> arrays) {
    this.meta = meta;
    this.arrays = arrays;
  }

  /** Mutable: hooks add to it in {@code before_save_checkpoint}. */
  public Map<String, Object> meta() {
    return meta;
  }

  /** Mutable, sorted by key so files are byte-for-byte reproducible. */
  public Map<String, float[]> arrays() {
    return arrays;
  }

  /** The arrays under {@code prefix}, with the prefix removed. */
  public Map<String, float[]> arraysUnder(String prefix) {
    Map<String, float[]> out = new LinkedHashMap<>();
    arrays.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  /**
   * The model's weights and buffers: {@code state_dict} without the optimizer slots
   * ({@code optimizer.<param>.<slot>}) that checkpoints written before the optimizer had its own
   * {@code state_dict} kept there, so such a checkpoint still loads as {@code load_from}.
   */
  public Map<String, float[]> modelStateDict() {
    Map<String, float[]> state = arraysUnder(STATE_DICT);
    state.keySet().removeIf(name -> name.startsWith(LEGACY_OPTIMIZER_SLOT));
    return state;
  }

  private static final String LEGACY_OPTIMIZER_SLOT = "optimizer.";

  /** A required meta value of the given type; the error names the key. */
  public <T> T require(String key, Class<T> type) {
    Object value = meta.get(key);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "checkpoint meta '" + key + "' missing or not a " + type.getSimpleName() + ": " + value);
    }
    return type.cast(value);
  }
}
