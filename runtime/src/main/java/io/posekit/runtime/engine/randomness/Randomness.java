package io.posekit.runtime.engine.randomness;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's generator tree: a root seed (MMEngine's {@code set_random_seed}), one global stream
 * for the model side (dropout, augmentation decisions made in the training process) and derived
 * streams per worker and epoch. {@code deterministic} is recorded for the model side (TensorFlow's
 * op determinism); the engine itself is always deterministic given the seed.
 */
public final class Randomness {
  private long seed;
  private final boolean deterministic;
  private final SeededGenerator global;

  public Randomness(long seed, boolean deterministic) {
    this.seed = seed;
    this.deterministic = deterministic;
    this.global = SeededGenerator.derive(seed, "global", 0);
  }

  /** From the config; {@code rank} offsets the seed when {@code diff_rank_seed=True}. */
  public static Randomness fromCfg(RandomnessCfg cfg, int rank) {
    long seed = cfg.seed() != null ? cfg.seed() : new SecureRandom().nextInt() & 0x7fffffffL;
    if (cfg.diffRankSeed()) {
      seed += rank;
    }
    return new Randomness(seed, cfg.deterministic());
  }

  public long seed() {
    return seed;
  }

  public boolean deterministic() {
    return deterministic;
  }

  /** The global stream; its position is saved in checkpoints. */
  public SeededGenerator global() {
    return global;
  }

  /** A fresh stream for {@code name}/{@code index} (e.g. "sampler"/epoch, "worker"/id), independent of use elsewhere. */
  public SeededGenerator derive(String name, long index) {
    return SeededGenerator.derive(seed, name, index);
  }

  /** What a checkpoint holds: the seed and the global stream's state. */
  public Map<String, Object> stateDict() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("seed", seed);
    state.put("deterministic", deterministic);
    long[] s = global.state();
    state.put("global", List.of(s[0], s[1], s[2], s[3]));
    return state;
  }

  /**
   * Restores the seed and the global stream: a resumed run continues the checkpoint's streams
   * (MMEngine only warns when the config's seed differs; here the checkpoint's seed wins).
   */
  public void loadStateDict(Map<String, Object> state) {
    if (!(state.get("seed") instanceof Number saved)) {
      throw new IllegalArgumentException("randomness: 'seed' missing or not a number: " + state.get("seed"));
    }
    if (!(state.get("global") instanceof List<?> list) || list.size() != 4) {
      throw new IllegalArgumentException("randomness: 'global' state must be a list of 4 longs, got " + state.get("global"));
    }
    long[] s = new long[4];
    for (int i = 0; i < 4; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw new IllegalArgumentException("randomness: 'global' holds a non-number " + list.get(i));
      }
      s[i] = n.longValue();
    }
    seed = saved.longValue();
    global.setState(s);
  }
}
