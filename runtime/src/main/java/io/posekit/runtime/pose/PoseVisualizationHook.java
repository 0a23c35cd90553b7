package io.posekit.runtime.pose;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.fileio.FileIO;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.visualization.PoseLocalVisualizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * MMPose's {@code PoseVisualizationHook}: with {@code enable=True}, draws predictions (keypoints,
 * skeleton, boxes) on the original images. In validation the first sample of every
 * {@code interval}-th iteration goes to the visualizer's backends as {@code val_img} at step
 * {@code iter + batch_idx}; in testing every sample goes to the backends as {@code test_img} and,
 * with {@code out_dir}, to {@code <work_dir>/<timestamp>/<out_dir>/<image name>_<n>.png}.
 * Differences from MMPose: there is no window to {@code show} in (PoseKit runs headless, so
 * {@code show=True} is refused), files are PNG whatever the input's format, and heatmaps are not
 * drawn because predictions carry none.
 */
@RegisterModule(registry = Registries.HOOKS, scope = "mmpose")
public final class PoseVisualizationHook implements Hook {
  private final PoseLocalVisualizer visualizer;
  private final DatasetMeta datasetMeta;
  private final boolean enable;
  private final int interval;
  private final double kptThr;
  private final @Nullable String outDir;
  private final @Nullable Map<String, Object> backendArgs;
  private int testIndex;

  public PoseVisualizationHook(
      @Provided PoseLocalVisualizer visualizer,
      @Provided DatasetMeta datasetMeta,
      @Param(defaultValue = "False") boolean enable,
      @Param(defaultValue = "50") int interval,
      @Param(defaultValue = "0.3") double kptThr,
      @Param(defaultValue = "False") boolean show,
      @Param(defaultValue = "0.0") double waitTime,
      @Param(defaultValue = "None") @Nullable String outDir,
      @Param(defaultValue = "None") @Nullable Map<String, Object> backendArgs) {
    if (show) {
      throw new IllegalArgumentException("PoseVisualizationHook.show=True needs a window, and PoseKit runs headless: "
          + "set out_dir or add a vis backend instead");
    }
    if (interval <= 0) {
      throw new IllegalArgumentException("PoseVisualizationHook.interval must be > 0, got " + interval);
    }
    FileIO.checkBackendArgs(backendArgs, "PoseVisualizationHook");
    this.backendArgs = backendArgs;
    this.visualizer = visualizer;
    this.datasetMeta = datasetMeta;
    this.enable = enable;
    this.interval = interval;
    this.kptThr = kptThr;
    this.outDir = outDir;
  }

  @Override
  public void afterValIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {
    if (!enable || outputs.isEmpty()) {
      return;
    }
    int step = runner.iter() + batchIdx;
    if (step % interval == 0) {
      PoseDataSample sample = (PoseDataSample) outputs.get(0);
      visualizer.setDatasetMeta(datasetMeta);
      visualizer.addDatasample("val_img", SampleImages.read(sample, backendArgs), sample, false, true, true, kptThr, null, step);
    }
  }

  @Override
  public void afterTestIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {
    if (!enable) {
      return;
    }
    Path dir = outDir == null ? null : runner.logDir().resolve(outDir);
    visualizer.setDatasetMeta(datasetMeta);
    for (Object output : outputs) {
      PoseDataSample sample = (PoseDataSample) output;
      testIndex++;
      Path outFile = dir == null ? null : dir.resolve(SampleImages.stem(sample) + "_" + countStartingWith(dir, SampleImages.stem(sample)) + ".png");
      visualizer.addDatasample("test_img", SampleImages.read(sample, backendArgs), sample, false, true, true, kptThr, outFile, testIndex);
    }
  }

  /** MMPose numbers the drawings of one image by how many files of that name are already there. */
  private static long countStartingWith(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
