package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseSample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;

/**
 * Reads {@code img_path} (JPEG, PNG, BMP: what javax.imageio decodes) into {@code img} as BGR
 * bytes and sets {@code img_shape} and {@code ori_shape}. A sample that already has an image keeps it.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class LoadImage implements Transform {
  private final boolean ignoreEmpty;

  /** @param ignoreEmpty drop the sample (return null) when the file is missing, instead of failing */
  public LoadImage(@Param(defaultValue = "False") boolean ignoreEmpty) {
    this.ignoreEmpty = ignoreEmpty;
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    if (results.img == null) {
      if (results.imgPath == null) {
        throw new IllegalArgumentException("LoadImage: sample img_id=" + results.imgId + " has no img_path");
      }
      Path path = Path.of(results.imgPath);
      if (!Files.isRegularFile(path) && ignoreEmpty) {
        return null;
      }
      results.img = read(path);
    }
    results.imgShape = results.img.shape();
    results.oriShape = results.img.shape();
    return results;
  }

  static ImageArray read(Path path) {
    BufferedImage image;
    try {
      image = ImageIO.read(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("LoadImage: cannot read " + path + ": " + e.getMessage(), e);
    }
    if (image == null) {
      throw new IllegalArgumentException("LoadImage: " + path + " is not an image javax.imageio can decode");
    }
    return ImageArray.fromBufferedImage(image);
  }
}
