package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.tfmodels.fileio.FileIO;
import io.posekit.tfmodels.fileio.MissingFileException;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.EncodedImage;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.JpegHeader;
import io.posekit.tfmodels.structures.PoseSample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;

/**
 * Reads {@code img_path} into {@code img} as BGR bytes and sets {@code img_shape} and
 * {@code ori_shape}. A sample that already has an image keeps it.
 *
 * <p>JPEGs (3- or 1-component) are decoded by libjpeg-turbo through TensorFlow, as OpenCV decodes
 * them. With {@code lazy_decode} (the default) a JPEG is only read and its header parsed here: the
 * sample carries the {@link EncodedImage}, {@code RandomFlip} records flips on it, and
 * {@code TopdownAffine} decodes just the window its warp samples, which gives the same pixels as
 * decoding everything first. Whatever asks for the whole image ({@link PoseSample#image()}) decodes
 * it then. {@code reduced_scale_decode} additionally lets that window be decoded at 1/2, 1/4 or 1/8
 * scale when the warp shrinks it at least that much (smoother, not identical, pixels). Other formats
 * (PNG, BMP, CMYK JPEG) are decoded here by javax.imageio.
 *
 * <p>The bytes come through {@link FileIO} under {@code backend_args}, as MMCV's
 * {@code LoadImageFromFile} reads them with {@code fileio.get}: local disk, LMDB, Petrel/S3 or HTTP.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class LoadImage implements Transform {
  private final boolean ignoreEmpty;
  private final boolean lazyDecode;
  private final boolean reducedScaleDecode;
  private final @Nullable Map<String, Object> backendArgs;

  /**
   * @param ignoreEmpty drop the sample (return null) when the file is missing, instead of failing
   * @param lazyDecode leave a JPEG undecoded until a transform knows which pixels it needs
   * @param reducedScaleDecode allow decoding a JPEG at reduced scale for a shrinking warp
   */
  public LoadImage(
      @Param(defaultValue = "False") boolean ignoreEmpty,
      @Param(defaultValue = "True") boolean lazyDecode,
      @Param(defaultValue = "False") boolean reducedScaleDecode,
      @Param(defaultValue = "None") @Nullable Map<String, Object> backendArgs) {
    FileIO.checkBackendArgs(backendArgs, "LoadImage");
    this.backendArgs = backendArgs;
    this.ignoreEmpty = ignoreEmpty;
    this.lazyDecode = lazyDecode;
    this.reducedScaleDecode = reducedScaleDecode;
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    if (results.img == null && results.encodedImg == null) {
      if (results.imgPath == null) {
        throw new IllegalArgumentException("LoadImage: sample img_id=" + results.imgId + " has no img_path");
      }
      String path = results.imgPath;
      byte[] bytes;
      try {
        bytes = FileIO.get(path, backendArgs);
      } catch (MissingFileException e) {
        if (ignoreEmpty) {
          return null;
        }
        throw new MissingFileException(e.uri(), "LoadImage: " + e.getMessage());
      }
      if (decodesAsJpeg(bytes)) {
        EncodedImage encoded = EncodedImage.ofJpeg(path, bytes, reducedScaleDecode);
        if (lazyDecode) {
          results.encodedImg = encoded;
        } else {
          results.img = encoded.decode();
        }
      } else {
        results.img = decodeOther(path, bytes);
      }
    }
    int[] shape = results.img != null ? results.img.shape() : results.encodedImg.shape();
    results.imgShape = shape;
    results.oriShape = shape.clone();
    return results;
  }

  /**
   * Starts fetching the image of {@code info} (a sample before the pipeline) if it comes from a
   * remote backend, so that {@link #transform} finds its bytes there.
   */
  public void prefetch(PoseSample info) {
    if (info.img == null && info.encodedImg == null && info.imgPath != null) {
      FileIO.prefetch(info.imgPath, backendArgs);
    }
  }

  /** A JPEG TensorFlow decodes to the colours OpenCV gives: grey or YCbCr, not CMYK. */
  private static boolean decodesAsJpeg(byte[] bytes) {
    if (!JpegHeader.isJpeg(bytes)) {
      return false;
    }
    try {
      int components = JpegHeader.read(bytes).components();
      return components == 1 || components == 3;
    } catch (IllegalArgumentException e) {
      return false; // let javax.imageio report what is wrong with it
    }
  }

  static ImageArray decodeOther(String path, byte[] bytes) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("LoadImage: cannot read " + path + ": " + e.getMessage(), e);
    }
    if (image == null) {
      throw new IllegalArgumentException("LoadImage: " + path + " is not an image javax.imageio can decode");
    }
    return ImageArray.fromBufferedImage(image);
  }
}
