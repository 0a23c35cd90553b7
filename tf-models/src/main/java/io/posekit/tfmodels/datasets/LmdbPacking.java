package io.posekit.tfmodels.datasets;

import io.posekit.tfmodels.fileio.FileIO;
import io.posekit.tfmodels.fileio.LmdbWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Packs the images of a COCO-style annotation file into an LMDB in MMEngine's layout: the key is
 * each image's {@code img_path} exactly as the data set forms it from {@code data_root},
 * {@code data_prefix.img} and the file name, so {@code LoadImage(backend_args=dict(backend='lmdb',
 * db_path=...))} finds every image of the same data set config.
 */
public final class LmdbPacking {
  /** The map may grow this far; on Linux the file only takes what is written. */
  private static final long MAP_SIZE = 1L << 40;

  private LmdbPacking() {}

  /** What was packed. */
  public record Summary(int images, long bytes) {}

  /**
   * Reads every image of {@code annFile} (each once, through the backend its path picks) and writes
   * it to a new LMDB in {@code out}; {@code onImage} is called after each.
   */
  public static Summary pack(String annFile, String dataRoot, String imgPrefix, Path out, Runnable onImage) {
    // bottom-up in test mode yields one sample per image, images without people included
    CocoDataset images = new CocoDataset(annFile, null, DataMode.BOTTOMUP, null, dataRoot,
        new DataPrefix(imgPrefix), null, null, true, List.of(), true, false, 0, 1);
    long bytes = 0;
    int packed = 0;
    try (LmdbWriter writer = new LmdbWriter(out, MAP_SIZE)) {
      for (int i = 0; i < images.size(); i++) {
        String path = images.getDataInfo(i).imgPath;
        byte[] value = FileIO.get(path, (Map<String, Object>) null);
        if (writer.put(path, value)) {
          bytes += value.length;
          packed++;
        }
        onImage.run();
      }
    }
    return new Summary(packed, bytes);
  }
}
