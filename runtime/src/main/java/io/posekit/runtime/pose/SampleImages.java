package io.posekit.runtime.pose;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.fileio.FileIO;
import io.posekit.tfmodels.structures.PoseDataSample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads the original image of a data sample (its {@code img_path}) for drawing, as MMPose's hooks do. */
final class SampleImages {
  private SampleImages() {}

  static String path(PoseDataSample sample) {
    Object path = sample.metainfo().get("img_path");
    if (path == null) {
      throw new IllegalArgumentException("data sample img_id=" + sample.metainfo().get("img_id")
          + " has no 'img_path': keep 'img_path' in PackPoseInputs' meta_keys to visualize it");
    }
    return path.toString();
  }

  /** The image as MMPose's hooks read it: {@code fileio.get(img_path, backend_args)}, then decoded. */
  static BufferedImage read(PoseDataSample sample, @Nullable Map<String, Object> backendArgs) {
    String file = path(sample);
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(FileIO.get(file, backendArgs)));
      if (image == null) {
        throw new IllegalArgumentException(file + ": not a readable image (img_id=" + sample.metainfo().get("img_id") + ")");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read", e);
    }
  }

  /** The file name without its extension: {@code 000000000785} of {@code val2017/000000000785.jpg}. */
  static String stem(PoseDataSample sample) {
    String path = path(sample);
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
