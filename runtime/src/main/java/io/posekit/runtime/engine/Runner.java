package io.posekit.runtime.engine;

import io.posekit.tfmodels.distributed.DistInfo;

import io.posekit.annotations.Nullable;
import io.posekit.runtime.engine.checkpoint.Checkpoint;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.logging.MMLogger;
import io.posekit.runtime.engine.logging.MessageHub;
import io.posekit.runtime.engine.logging.ScalarWriter;
import io.posekit.runtime.engine.model.DataSource;
import io.posekit.runtime.engine.model.Evaluator;
import io.posekit.runtime.engine.model.TrainableModel;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.OptimizerState;
import io.posekit.runtime.engine.optim.ParamState;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.schedulers.ParamScheduler;
import ch.qos.logback.classic.Level;
import io.posekit.tfmodels.visualization.LocalVisBackend;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-independent core of MMEngine's {@code Runner}: it owns the model, data, optimizer
 * wrapper, schedulers, hooks, message hub, randomness and loops, calls hooks, and saves and
 * resumes checkpoints. Building it from the typed root config ({@code Runner.from_cfg}) is the
 * runtime's job; everything here is set programmatically.
 *
 * <p>Resume follows MMEngine's order: schedulers are built (their first step changes the lr),
 * then the checkpoint's optimizer state (lr, {@code initial_lr}, moments) and scheduler states
 * are loaded over them.
 */
public final class Runner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private final TrainableModel<Object> model;
  private final Path workDir;
  private final Path logDir;
  private final Randomness randomness;
  private final MessageHub messageHub = new MessageHub();
  private final HookList hooks = new HookList();
  private final LogProcessor logProcessor;
  private ScalarWriter scalarWriter;
  private @Nullable DataSource<Object> trainData;
  private @Nullable DataSource<Object> valData;
  private @Nullable DataSource<Object> testData;
  private @Nullable Evaluator<Object> valEvaluator;
  private @Nullable Evaluator<Object> testEvaluator;
  private @Nullable OptimWrapper optimWrapper;
  private List<ParamScheduler> paramSchedulers = List.of();
  private @Nullable TrainLoop trainLoop;
  private @Nullable Loop valLoop;
  private @Nullable Loop testLoop;
  private Map<String, Object> datasetMeta = Map.of();
  private String configText = "";
  private boolean quiet;
  private Level logLevel = Level.INFO;
  private @Nullable MMLogger logger;
  private boolean resuming;
  private DistInfo dist = DistInfo.SINGLE;

  @SuppressWarnings("unchecked")
  public <B> Runner(TrainableModel<B> model, Path workDir, Randomness randomness, LogProcessor logProcessor) {
    this.model = (TrainableModel<Object>) model;
    this.workDir = workDir;
    this.randomness = randomness;
    this.logProcessor = logProcessor;
    this.logDir = workDir.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")));
    this.scalarWriter = new LocalVisBackend(logDir.resolve("vis_data").toString(), "vis_image", "config.py", "scalars.json")::addScalars;
    checkUniqueNames(model.parameters(), model.buffers().keySet());
  }

  /** Names must be unique across parameters and buffers: they are the checkpoint keys. */
  private static void checkUniqueNames(List<Parameter> params, java.util.Set<String> buffers) {
    java.util.Set<String> seen = new java.util.HashSet<>(buffers);
    for (Parameter p : params) {
      if (!seen.add(p.name())) {
        throw new IllegalArgumentException("model state name '" + p.name() + "' is used twice");
      }
    }
  }

  // ---- wiring -------------------------------------------------------------------------------

  /**
   * This process's place in a data-parallel run. As MMEngine's {@code @master_only} parts, only
   * rank 0 writes checkpoints, {@code last_checkpoint}, scalars and the console log; the other ranks
   * log to {@code <timestamp>_rank<r>.log} beside it (MMLogger's {@code distributed=True} files).
   */
  public Runner distributed(DistInfo info) {
    this.dist = info;
    if (!info.isMain()) {
      this.quiet = true;
      this.scalarWriter = (scalars, step) -> {};
    }
    return this;
  }

  public DistInfo dist() {
    return dist;
  }

  /** MMEngine's {@code is_main_process()}. */
  public boolean isMainProcess() {
    return dist.isMain();
  }

  @SuppressWarnings("unchecked")
  public <B> Runner trainData(DataSource<B> data) {
    this.trainData = (DataSource<Object>) data;
    return this;
  }

  @SuppressWarnings("unchecked")
  public <B> Runner val(DataSource<B> data, Evaluator<B> evaluator) {
    this.valData = (DataSource<Object>) data;
    this.valEvaluator = (Evaluator<Object>) evaluator;
    return this;
  }

  @SuppressWarnings("unchecked")
  public <B> Runner test(DataSource<B> data, Evaluator<B> evaluator) {
    this.testData = (DataSource<Object>) data;
    this.testEvaluator = (Evaluator<Object>) evaluator;
    return this;
  }

  public Runner optimWrapper(OptimWrapper wrapper) {
    this.optimWrapper = wrapper;
    return this;
  }

  public Runner paramSchedulers(List<ParamScheduler> schedulers) {
    this.paramSchedulers = List.copyOf(schedulers);
    return this;
  }

  public Runner trainLoop(TrainLoop loop) {
    this.trainLoop = loop;
    return this;
  }

  public Runner valLoop(Loop loop) {
    this.valLoop = loop;
    return this;
  }

  public Runner testLoop(Loop loop) {
    this.testLoop = loop;
    return this;
  }

  public Runner datasetMeta(Map<String, Object> meta) {
    this.datasetMeta = Map.copyOf(meta);
    return this;
  }

  /** The resolved config text, saved in every checkpoint. */
  public Runner configText(String text) {
    this.configText = text;
    return this;
  }

  /** Log lines go to the log file only, not to the console (tests). */
  public Runner quiet(boolean quiet) {
    this.quiet = quiet;
    if (logger != null) {
      logger.console(!quiet);
    }
    return this;
  }

  /** The config's {@code log_level} (a Python level name or number, see {@link MMLogger#level}); INFO by default. */
  public Runner logLevel(Object level) {
    this.logLevel = MMLogger.level(level);
    if (logger != null) {
      logger.level(logLevel);
    }
    return this;
  }

  /** MMEngine's {@code register_hook}; {@code priority} (name or int) overrides the hook's own. */
  public Runner registerHook(Hook hook, @Nullable Object priority) {
    hooks.register(hook, priority);
    return this;
  }

  public Runner registerHook(Hook hook) {
    return registerHook(hook, null);
  }

  // ---- accessors hooks and loops use -------------------------------------------------------------

  public TrainableModel<Object> model() {
    return model;
  }

  public Path workDir() {
    return workDir;
  }

  /** {@code work_dir/<timestamp>}: the log file and {@code vis_data/scalars.json}. */
  public Path logDir() {
    return logDir;
  }

  public Randomness randomness() {
    return randomness;
  }

  public MessageHub messageHub() {
    return messageHub;
  }

  public LogProcessor logProcessor() {
    return logProcessor;
  }

  public ScalarWriter scalarWriter() {
    return scalarWriter;
  }

  /** Sends the logger's scalars to {@code writer} (a configured visualizer) instead of {@code vis_data/scalars.json}. */
  public Runner scalarWriter(ScalarWriter writer) {
    this.scalarWriter = writer;
    return this;
  }

  public List<Hook> hooks() {
    return hooks.hooks();
  }

  public HookList hookList() {
    return hooks;
  }

  public OptimWrapper optimWrapper() {
    return require(optimWrapper, "optim_wrapper");
  }

  public List<ParamScheduler> paramSchedulers() {
    return paramSchedulers;
  }

  public DataSource<Object> trainData() {
    return require(trainData, "train_dataloader");
  }

  public DataSource<Object> valData() {
    return require(valData, "val_dataloader");
  }

  public DataSource<Object> testData() {
    return require(testData, "test_dataloader");
  }

  public Evaluator<Object> valEvaluator() {
    return require(valEvaluator, "val_evaluator");
  }

  public Evaluator<Object> testEvaluator() {
    return require(testEvaluator, "test_evaluator");
  }

  public TrainLoop trainLoop() {
    return require(trainLoop, "train_cfg");
  }

  /** True while {@link #resume} loads a checkpoint (MMEngine's {@code runner._resume}). */
  public boolean isResuming() {
    return resuming;
  }

  public @Nullable Loop valLoop() {
    return valLoop;
  }

  public boolean hasTrainLoop() {
    return trainLoop != null;
  }

  public int epoch() {
    return trainLoop == null ? 0 : trainLoop.epoch();
  }

  public int iter() {
    return trainLoop == null ? 0 : trainLoop.iter();
  }

  public int maxEpochs() {
    return trainLoop().maxEpochs();
  }

  public int maxIters() {
    return trainLoop().maxIters();
  }

  private static <T> T require(@Nullable T value, String key) {
    if (value == null) {
      throw new IllegalStateException("the runner has no " + key + "; set it in the config");
    }
    return value;
  }

  public void callHook(Consumer<Hook> point) {
    hooks.call(point);
  }

  /** {@code <log dir>/<timestamp>.log}, MMEngine's {@code Runner.build_logger} file. */
  public Path logFile() {
    return logDir.resolve(logDir.getFileName() + (dist.isMain() ? "" : "_rank" + dist.rank()) + ".log");
  }

  /**
   * The run's {@link MMLogger}, opened on first use: from then on, what any class logs goes to the
   * console (unless {@link #quiet}) and to {@link #logFile}.
   */
  private MMLogger openLog() {
    if (logger == null) {
      logger = MMLogger.open(logFile(), logLevel, !quiet);
    }
    return logger;
  }

  /** One INFO line through the run's logger (MMEngine's {@code self.logger.info}). */
  public void log(String message) {
    openLog();
    LOG.info(message);
  }

  /** Closes the log file; commands log to standard error again. */
  @Override
  public void close() {
    if (logger != null) {
      logger.close();
      logger = null;
    }
  }

  // ---- running -------------------------------------------------------------------------------

  /** Trains from scratch, or resumes from {@code resumeFrom} when given. */
  public void train(@Nullable Path resumeFrom) {
    TrainLoop loop = trainLoop();
    openLog();
    callHook(h -> h.beforeRun(this));
    if (resumeFrom != null) {
      resume(resumeFrom);
    }
    optimWrapper().initializeCountStatus(loop.iter(), loop.maxIters());
    loop.run();
    callHook(h -> h.afterRun(this));
  }

  public Map<String, Double> val() {
    return runEval(require(valLoop, "val_cfg"));
  }

  public Map<String, Double> test() {
    return runEval(require(testLoop, "test_cfg"));
  }

  /** MMEngine's {@code val()}/{@code test()}: before_run, the loop, after_run; weights are loaded beforehand with {@link #loadCheckpoint}. */
  private Map<String, Double> runEval(Loop loop) {
    openLog();
    callHook(h -> h.beforeRun(this));
    loop.run();
    callHook(h -> h.afterRun(this));
    Object metrics = messageHub.getInfo("last_metrics");
    @SuppressWarnings("unchecked")
    Map<String, Double> m = (Map<String, Double>) metrics;
    return m;
  }

  // ---- checkpoints ---------------------------------------------------------------------------

  /**
   * Writes {@code dir/filename} atomically (the {@code last_checkpoint} pointer is the
   * {@code CheckpointHook}'s job). With {@code byEpoch} the meta holds completed epochs and the
   * iteration count, else the epoch and the completed iterations, as MMEngine saves them.
   */
  public Path saveCheckpoint(Path dir, String filename, boolean byEpoch, boolean saveOptimizer, boolean saveParamScheduler) {
    Checkpoint ckpt = new Checkpoint();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epoch", byEpoch ? epoch() + 1 : epoch());
    meta.put("iter", byEpoch ? iter() : iter() + 1);
    meta.put("seed", randomness.seed());
    meta.put("time", LocalDateTime.now().toString());
    meta.put("dataset_meta", datasetMeta);
    meta.put("cfg", configText);
    ckpt.meta().put("meta", meta);
    for (Parameter p : model.parameters()) {
      ckpt.arrays().put(Checkpoint.STATE_DICT + p.name(), p.data().clone());
    }
    model.buffers().forEach((k, v) -> ckpt.arrays().put(Checkpoint.STATE_DICT + k, v.clone()));
    if (saveOptimizer && optimWrapper != null) {
      putOptimizer(ckpt, optimWrapper.stateDict(), optimWrapper.wrapperStateDict());
    }
    if (saveParamScheduler) {
      List<Map<String, Object>> states = new ArrayList<>();
      paramSchedulers.forEach(s -> states.add(s.stateDict()));
      ckpt.meta().put("param_schedulers", states);
    }
    ckpt.meta().put("randomness", randomness.stateDict());
    callHook(h -> h.beforeSaveCheckpoint(this, ckpt));
    ckpt.meta().put("message_hub", messageHub.stateDict());
    Path file = dir.resolve(filename);
    if (isMainProcess()) { // every rank builds it (hooks see the same state), rank 0 writes it
      CheckpointIO.save(file, ckpt);
    }
    return file;
  }

  /**
   * The optimizer's {@code state_dict} (PyTorch's layout: {@code param_groups} with their
   * {@code params} indices, {@code state} by index) and what the wrapper adds to it
   * ({@code loss_scaler}), as MMEngine saves them; the buffers go to
   * {@code optimizer/state/<index>/<buffer>} arrays, the steps to {@code steps}.
   */
  private static void putOptimizer(Checkpoint ckpt, OptimizerState state, Map<String, Object> wrapperState) {
    Map<String, Object> opt = new LinkedHashMap<>(wrapperState);
    List<Map<String, Object>> groups = new ArrayList<>();
    for (OptimizerState.Group g : state.paramGroups()) {
      Map<String, Object> group = new LinkedHashMap<>(g.options());
      group.put("params", g.params());
      groups.add(group);
    }
    opt.put("param_groups", groups);
    Map<String, Object> steps = new LinkedHashMap<>();
    state.state().forEach((index, ps) -> {
      steps.put(String.valueOf(index), ps.step());
      ps.buffers().forEach((buf, values) -> ckpt.arrays().put("optimizer/state/" + index + "/" + buf, values.clone()));
    });
    opt.put("steps", steps);
    ckpt.meta().put("optimizer", opt);
  }

  @SuppressWarnings("unchecked")
  private static OptimizerState readOptimizer(Checkpoint ckpt) {
    Map<String, Object> opt = ckpt.require("optimizer", Map.class);
    List<OptimizerState.Group> groups = new ArrayList<>();
    for (Object g : (List<Object>) opt.get("param_groups")) {
      Map<String, Double> options = new LinkedHashMap<>();
      List<Integer> params = new ArrayList<>();
      ((Map<String, Object>) g).forEach((k, v) -> {
        if (k.equals("params")) {
          ((List<Object>) v).forEach(i -> params.add(((Number) i).intValue()));
        } else {
          options.put(k, ((Number) v).doubleValue());
        }
      });
      groups.add(new OptimizerState.Group(options, params));
    }
    Map<String, Map<String, float[]>> buffers = new HashMap<>();
    ckpt.arraysUnder("optimizer/state/").forEach((key, values) -> {
      int slash = key.lastIndexOf('/');
      buffers.computeIfAbsent(key.substring(0, slash), k -> new LinkedHashMap<>()).put(key.substring(slash + 1), values);
    });
    Map<Integer, ParamState> state = new HashMap<>();
    ((Map<String, Object>) opt.get("steps")).forEach((index, step) ->
        state.put(Integer.parseInt(index), new ParamState(((Number) step).longValue(), buffers.getOrDefault(index, Map.of()))));
    return new OptimizerState(state, groups);
  }

  /** {@code load_from}: weights only (the checkpoint's {@code state_dict}), strict about names and sizes. */
  public Checkpoint loadCheckpoint(Path file) {
    Checkpoint ckpt = CheckpointIO.load(file);
    callHook(h -> h.afterLoadCheckpoint(this, ckpt));
    try {
      loadStateDict(ckpt.modelStateDict());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint " + file + ": " + e.getMessage(), e);
    }
    return ckpt;
  }

  private void loadStateDict(Map<String, float[]> checkpointState) {
    Map<String, float[]> targets = new LinkedHashMap<>();
    model.parameters().forEach(p -> targets.put(p.name(), p.data()));
    targets.putAll(model.buffers());
    Map<String, float[]> state = new LinkedHashMap<>(checkpointState);
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, float[]> e : targets.entrySet()) {
      float[] saved = state.get(e.getKey());
      if (saved == null) {
        missing.add(e.getKey());
      } else if (saved.length != e.getValue().length) {
        throw new IllegalArgumentException("state_dict '" + e.getKey() + "' has " + saved.length
            + " values, the model " + e.getValue().length);
      }
    }
    List<String> unexpected = state.keySet().stream().filter(k -> !targets.containsKey(k)).toList();
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalArgumentException("state_dict does not match the model: missing keys " + missing
          + ", unexpected keys " + unexpected);
    }
    targets.forEach((k, v) -> System.arraycopy(state.get(k), 0, v, 0, v.length));
  }

  /**
   * MMEngine's {@code resume}: weights, optimizer, schedulers, counters, RNG state and runtime info
   * (best score, kept checkpoints).
   */
  @SuppressWarnings("unchecked")
  public void resume(Path file) {
    Checkpoint ckpt;
    resuming = true;
    try {
      ckpt = loadCheckpoint(file);
    } finally {
      resuming = false;
    }
    try {
      Map<String, Object> meta = ckpt.require("meta", Map.class);
      trainLoop().restoreCounters(((Number) meta.get("epoch")).intValue(), ((Number) meta.get("iter")).intValue());
      optimWrapper().loadStateDict(readOptimizer(ckpt));
      Map<String, Object> wrapperState = new LinkedHashMap<>(ckpt.require("optimizer", Map.class));
      wrapperState.keySet().removeAll(List.of("param_groups", "steps"));
      optimWrapper().loadWrapperStateDict(wrapperState, "optimizer");
      List<Object> states = ckpt.require("param_schedulers", List.class);
      if (states.size() != paramSchedulers.size()) {
        throw new IllegalArgumentException("param_schedulers: the checkpoint has " + states.size()
            + " schedulers, the config " + paramSchedulers.size());
      }
      for (int i = 0; i < states.size(); i++) {
        paramSchedulers.get(i).loadStateDict((Map<String, Object>) states.get(i));
      }
      randomness.loadStateDict(ckpt.require("randomness", Map.class));
      messageHub.loadStateDict(ckpt.require("message_hub", Map.class));
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("cannot resume from checkpoint " + file + ": " + e.getMessage(), e);
    }
    log("resumed epoch: " + epoch() + ", iter: " + iter() + " from " + file);
  }
}
