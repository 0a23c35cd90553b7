package io.posekit.benchmarks;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.PoseRunnerBuilder;
import io.posekit.tfmodels.demo.SyntheticCocoGenerator;
import io.posekit.tfmodels.nn.OneDnn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 7's loop-throughput bar: how busy {@code train} keeps the model step on MMPose's HRNet-w32
 * COCO 256x192 config shape (batch 32, {@code num_workers=2}, {@code persistent_workers=True}, the
 * full train pipeline with {@code GenerateTarget}) on synthetic 640 x 480 JPEGs. It runs the real
 * runner: {@link PoseRunnerBuilder} from a config, {@code EpochBasedTrainLoop}, hooks, optimizer and
 * scheduler; checkpointing is off so that only data and step are timed.
 *
 * <p>Per iteration it records the data wait (end of the previous iteration to the batch in hand:
 * loader plus collation) and the step (forward, backward, Adam update, hooks). Busy fraction = step
 * time / iteration time, over the iterations after the warm-up ones (graph building, first
 * allocations).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.posekit.benchmarks.TrainLoopThroughput
 * [DATA_DIR] [iterations=6] [warm-up=2] [num_workers=2] [batch=32]}
 */
public final class TrainLoopThroughput {
  private TrainLoopThroughput() {}

  static String config(Path dataRoot, Path workDir, int iterations, int workers, int batch) {
    return String.format(Locale.ROOT, """
        default_scope = 'mmpose'
        work_dir = '%s'
        randomness = dict(seed=0)
        %s
        train_cfg = dict(by_epoch=True, max_epochs=1, val_interval=1)
        optim_wrapper = dict(optimizer=dict(type='Adam', lr=5e-4))
        param_scheduler = [dict(type='LinearLR', begin=0, end=500, start_factor=0.001, by_epoch=False)]
        default_hooks = dict(
            timer=dict(type='IterTimerHook'),
            logger=dict(type='LoggerHook', interval=1),
            param_scheduler=dict(type='ParamSchedulerHook'),
            sampler_seed=dict(type='DistSamplerSeedHook'))
        log_processor = dict(type='LogProcessor', window_size=1, by_epoch=True)
        train_pipeline = [
            dict(type='LoadImage'),
            dict(type='GetBBoxCenterScale'),
            dict(type='RandomFlip', direction='horizontal'),
            dict(type='RandomHalfBody'),
            dict(type='RandomBBoxTransform'),
            dict(type='TopdownAffine', input_size=codec['input_size']),
            dict(type='GenerateTarget', encoder=codec),
            dict(type='PackPoseInputs')
        ]
        train_dataloader = dict(
            batch_size=%d,
            num_workers=%d,
            persistent_workers=%s,
            sampler=dict(type='DefaultSampler', shuffle=True),
            dataset=dict(
                type='CocoDataset',
                data_root='%s',
                data_mode='topdown',
                ann_file='annotations/person_keypoints_train2017.json',
                data_prefix=dict(img='train2017/'),
                indices=%d,
                pipeline=train_pipeline))
        """, workDir, ModelThroughput.HRNET_W32.stripIndent(), batch, workers, workers > 0 ? "True" : "False",
        dataRoot, iterations * batch);
  }

  /** Times each iteration: lowest priority, so its after-iteration stamp comes after the other hooks. */
  static final class Timer implements Hook {
    long iterationStart;
    final List<double[]> waitAndStep = new ArrayList<>();
    private long batchInHand;

    @Override
    public void beforeTrainEpoch(Runner runner) {
      iterationStart = System.nanoTime();
    }

    @Override
    public void beforeTrainIter(Runner runner, int batchIdx, Object batch) {
      batchInHand = System.nanoTime();
    }

    @Override
    public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
      long end = System.nanoTime();
      waitAndStep.add(new double[] {(batchInHand - iterationStart) / 1e9, (end - batchInHand) / 1e9});
      iterationStart = end;
    }
  }

  public static void main(String[] args) throws Exception {
    OneDnn.enable(); // before TensorFlow loads, as the runtime does
    Path data = Path.of(args.length > 0 ? args[0] : "/tmp/posekit-loop-bench");
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int workers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 32;
    if (!Files.exists(data.resolve("annotations/person_keypoints_train2017.json"))) {
      // about two people per image: enough instances for every iteration
      int images = Math.max(50, iterations * batch * 2 / 3);
      SyntheticCocoGenerator.generate(
          SyntheticCocoGenerator.Options.defaults(data).withCounts(images, 0).withImageSize(640, 480));
    }
    Path workDir = Files.createTempDirectory("posekit-loop-bench");
    Config cfg = Config.fromString(config(data, workDir, iterations, workers, batch), "py");
    Timer timer = new Timer();
    try (PoseRunnerBuilder.Built built = PoseRunnerBuilder.fromCfg(cfg, Registry.load())) {
      built.runner().registerHook(timer, "LOWEST");
      built.runner().train(null);
    }
    System.out.printf(Locale.ROOT, "HRNet-w32 256x192, batch %d, num_workers=%d, %d iterations (%d warm-up)%n", batch,
        workers, timer.waitAndStep.size(), warmup);
    double wait = 0, step = 0;
    for (int i = 0; i < timer.waitAndStep.size(); i++) {
      double[] ws = timer.waitAndStep.get(i);
      System.out.printf(Locale.ROOT, "iter %d: data wait %.3f s, step %.3f s%s%n", i, ws[0], ws[1], i < warmup ? " (warm-up)" : "");
      if (i >= warmup) {
        wait += ws[0];
        step += ws[1];
      }
    }
    int timed = timer.waitAndStep.size() - warmup;
    System.out.printf(Locale.ROOT,
        "timed iterations: mean data wait %.3f s, mean step %.3f s (%.2f img/s), busy fraction %.1f%%%n", wait / timed,
        step / timed, batch * timed / step, 100 * step / (step + wait));
  }
}
