package io.posekit.runtime.cli;

import io.posekit.tfmodels.datasets.LmdbPacking;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Packs a COCO-style data set's images into an LMDB that {@code backend_args=dict(backend='lmdb')} reads. */
@Command(
    name = "make-lmdb",
    mixinStandardHelpOptions = true,
    description = {
        "Pack the images of a COCO-style annotation file into an LMDB (MMEngine's layout: key = the image's path"
            + " as the data set forms it from data_root, data_prefix.img and file_name; value = its bytes).",
        "Then read them with LoadImage(backend_args=dict(backend='lmdb', db_path=OUT_DIR)) and the same data set settings."})
final class MakeLmdbCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT_DIR", description = "A new folder for the LMDB (data.mdb, lock.mdb).")
  private Path outDir;

  @Option(names = "--ann-file", required = true, description = "The data set's ann_file (relative to --data-root unless absolute).")
  private String annFile;

  @Option(names = "--data-root", defaultValue = "", description = "The data set's data_root (default: none).")
  private String dataRoot;

  @Option(names = "--img-prefix", defaultValue = "", description = "The data set's data_prefix.img (default: none).")
  private String imgPrefix;

  @Override
  public Integer call() {
    LmdbPacking.Summary summary;
    try (ProgressBars.Progress images = ProgressBars.start("make-lmdb", -1)) {
      summary = LmdbPacking.pack(annFile, dataRoot.isEmpty() ? null : dataRoot, imgPrefix, outDir, images::step);
    }
    spec.commandLine().getOut().printf("packed %d images (%d bytes) into %s%n", summary.images(), summary.bytes(), outDir);
    return 0;
  }
}
