package io.posekit.runtime.cli;

import io.posekit.tfmodels.demo.SyntheticCocoGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes the deterministic synthetic COCO keypoint data set the demo config trains on. */
@Command(
    name = "make-demo-data",
    mixinStandardHelpOptions = true,
    description = "Write a synthetic COCO-format keypoint data set (images, person_keypoints_{train,val}2017.json, "
        + "detections for val); the same seed gives the same bytes.")
final class MakeDemoDataCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT_DIR", description = "Where to write the data set (its data_root).")
  private Path outDir;

  @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--num-train", defaultValue = "1000", description = "Training images (default: ${DEFAULT-VALUE}).")
  private int numTrain;

  @Option(names = "--num-val", defaultValue = "100", description = "Validation images (default: ${DEFAULT-VALUE}).")
  private int numVal;

  @Option(names = "--width", defaultValue = "320", description = "Image width, at least 64 (default: ${DEFAULT-VALUE}).")
  private int width;

  @Option(names = "--height", defaultValue = "240", description = "Image height, at least 64 (default: ${DEFAULT-VALUE}).")
  private int height;

  @Override
  public Integer call() {
    SyntheticCocoGenerator.Options options;
    try {
      options = new SyntheticCocoGenerator.Options(outDir, seed, numTrain, numVal, width, height);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("make-demo-data: " + e.getMessage());
      return 2;
    }
    SyntheticCocoGenerator.Summary summary;
    try (ProgressBars.Progress images = ProgressBars.start("make-demo-data", (long) numTrain + numVal)) {
      summary = SyntheticCocoGenerator.generate(options, images::step);
    }
    spec.commandLine().getOut().printf("wrote %d train and %d val images to %s (%s, %s)%n",
        summary.trainImages(), summary.valImages(), summary.root(),
        String.join(", ", summary.annotationFiles()), summary.detectionFile());
    return 0;
  }
}
