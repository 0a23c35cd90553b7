package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Priority;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MMEngine's {@code CheckpointHook}. Saves {@code epoch_N.pth} (or {@code iter_N.pth}) every
 * {@code interval} epochs (iterations) and at the end when {@code save_last}, points
 * {@code work_dir/last_checkpoint} at it, keeps at most {@code max_keep_ckpts} of them (the oldest
 * is deleted only after the new one is safely written), and with {@code save_best} keeps
 * {@code best_<key with / as _>_epoch_N.pth} for the best value of that metric, deleting the
 * previous best. {@code rule} is inferred from the key like MMEngine when not given.
 */
@RegisterModule(registry = Registries.HOOKS)
public final class CheckpointHook implements Hook {
  private static final List<String> GREATER_KEYS =
      List.of("acc", "top", "AR@", "auc", "precision", "mAP", "mDice", "mIoU", "mAcc", "aAcc");
  private static final List<String> LESS_KEYS = List.of("loss");

  private final int interval;
  private final boolean byEpoch;
  private final boolean saveOptimizer;
  private final boolean saveParamScheduler;
  private final @Nullable String outDirCfg;
  private final int maxKeepCkpts;
  private final boolean saveLast;
  private final @Nullable String saveBest;
  private final @Nullable String ruleCfg;
  private @Nullable String keyIndicator;
  private @Nullable String rule;
  /** Resolved from the runner on first use (before_train, or a validation run without training). */
  private @Nullable Path outDir;
  private final ArrayDeque<Integer> keepCkptIds = new ArrayDeque<>();

  public CheckpointHook(
      @Param(defaultValue = "-1") int interval,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "True") boolean saveOptimizer,
      @Param(defaultValue = "True") boolean saveParamScheduler,
      @Param(defaultValue = "None") @Nullable String outDir,
      @Param(defaultValue = "-1") int maxKeepCkpts,
      @Param(defaultValue = "True") boolean saveLast,
      @Param(defaultValue = "None") @Nullable String saveBest,
      @Param(defaultValue = "None") @Nullable String rule) {
    if (rule != null && !rule.equals("greater") && !rule.equals("less")) {
      throw new IllegalArgumentException("CheckpointHook.rule must be greater, less or None, but got " + rule);
    }
    this.interval = interval;
    this.byEpoch = byEpoch;
    this.saveOptimizer = saveOptimizer;
    this.saveParamScheduler = saveParamScheduler;
    this.outDirCfg = outDir;
    this.maxKeepCkpts = maxKeepCkpts;
    this.saveLast = saveLast;
    this.saveBest = saveBest;
    this.ruleCfg = rule;
    if (saveBest != null && !saveBest.equals("auto")) {
      this.keyIndicator = saveBest;
      this.rule = rule != null ? rule : inferRule(saveBest);
    }
  }

  @Override
  public Priority priority() {
    return Priority.VERY_LOW;
  }

  /** MMEngine's {@code _init_rule}: exact (case-insensitive) match first, then substring; greater before less. */
  static String inferRule(String key) {
    String lc = key.toLowerCase(Locale.ROOT);
    List<String> greater = GREATER_KEYS.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    List<String> less = LESS_KEYS.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    if (greater.contains(lc)) {
      return "greater";
    }
    if (less.contains(lc)) {
      return "less";
    }
    if (greater.stream().anyMatch(lc::contains)) {
      return "greater";
    }
    if (less.stream().anyMatch(lc::contains)) {
      return "less";
    }
    throw new IllegalArgumentException(
        "CheckpointHook: cannot infer the rule for key '" + key + "', thus a specific rule must be"
            + " specified (rule='greater' or rule='less')");
  }

  @Override
  public void beforeTrain(Runner runner) {
    outDir = resolveOutDir(runner);
    keepCkptIds.clear();
    if (runner.messageHub().getInfo("keep_ckpt_ids") instanceof List<?> ids) {
      ids.forEach(id -> keepCkptIds.add(((Number) id).intValue()));
    }
  }

  /** MMEngine: out_dir defaults to the work dir; a given out_dir gets the work dir's name appended. */
  private Path resolveOutDir(Runner runner) {
    return outDirCfg == null
        ? runner.workDir()
        : Path.of(outDirCfg).resolve(runner.workDir().toAbsolutePath().getFileName());
  }

  private Path outDir(Runner runner) {
    if (outDir == null) {
      outDir = resolveOutDir(runner);
    }
    return outDir;
  }

  /** Where checkpoints go; null until the hook has seen a runner. */
  public @Nullable Path outDir() {
    return outDir;
  }

  @Override
  public void afterTrainEpoch(Runner runner) {
    if (!byEpoch) {
      return;
    }
    int next = runner.epoch() + 1;
    if ((interval > 0 && next % interval == 0) || (saveLast && next == runner.maxEpochs())) {
      saveRegular(runner, next, "epoch_" + next + ".pth");
    }
  }

  @Override
  public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
    if (byEpoch) {
      return;
    }
    int next = runner.iter() + 1;
    if ((interval > 0 && next % interval == 0) || (saveLast && next == runner.maxIters())) {
      saveRegular(runner, next, "iter_" + next + ".pth");
    }
  }

  private String filename(int step) {
    return (byEpoch ? "epoch_" : "iter_") + step + ".pth";
  }

  private void saveRegular(Runner runner, int step, String name) {
    Integer drop = null;
    if (maxKeepCkpts > 0) {
      if (keepCkptIds.size() == maxKeepCkpts) {
        drop = keepCkptIds.pollFirst();
      }
      keepCkptIds.addLast(step);
      runner.messageHub().updateInfo("keep_ckpt_ids", new ArrayList<>(keepCkptIds));
    }
    Path file = runner.saveCheckpoint(outDir(runner), name, byEpoch, saveOptimizer, saveParamScheduler);
    if (!runner.isMainProcess()) {
      return; // rank 0 writes and keeps the files
    }
    CheckpointIO.writeLastCheckpoint(runner.workDir(), file);
    if (drop != null) {
      delete(outDir(runner).resolve(filename(drop)));
    }
    runner.log("Saving checkpoint at " + step + (byEpoch ? " epochs" : " iterations"));
  }

  @Override
  public void afterValEpoch(Runner runner, Map<String, Double> metrics) {
    if (saveBest == null || metrics.isEmpty()) {
      return;
    }
    if (keyIndicator == null) { // save_best='auto': the first metric
      keyIndicator = metrics.keySet().iterator().next();
      rule = ruleCfg != null ? ruleCfg : inferRule(keyIndicator);
    }
    Double score = metrics.get(keyIndicator);
    if (score == null) {
      throw new IllegalArgumentException("CheckpointHook.save_best: metric '" + keyIndicator
          + "' is not among the evaluation results " + metrics.keySet());
    }
    boolean greater = "greater".equals(rule);
    double best = runner.messageHub().getInfo("best_score") instanceof Number n
        ? n.doubleValue() : (greater ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    if (greater ? !(score > best) : !(score < best)) {
      return;
    }
    int step = byEpoch ? runner.epoch() : runner.iter();
    String name = "best_" + keyIndicator.replace('/', '_') + "_" + filename(step);
    runner.messageHub().updateInfo("best_score", score);
    Object previous = runner.messageHub().getInfo("best_ckpt");
    Path file = outDir(runner).resolve(name);
    runner.messageHub().updateInfo("best_ckpt", file.toString());
    runner.saveCheckpoint(outDir(runner), name, false, false, false);
    if (runner.isMainProcess() && previous instanceof String p && !Path.of(p).equals(file)) {
      delete(Path.of(p));
    }
    runner.log(String.format(Locale.ROOT, "The best checkpoint with %.4f %s at %d %s is saved to %s.",
        score, keyIndicator, step, byEpoch ? "epoch" : "iter", name));
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete old checkpoint " + file, e);
    }
  }
}
