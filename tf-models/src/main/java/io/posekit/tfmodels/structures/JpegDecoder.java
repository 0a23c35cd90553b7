package io.posekit.tfmodels.structures;

import io.posekit.tfmodels.nn.OneDnn;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.DecodeAndCropJpeg;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Decodes a window of a JPEG, optionally at 1/2, 1/4 or 1/8 scale, with TensorFlow's
 * {@code DecodeAndCropJpeg} (libjpeg-turbo, the decoder OpenCV uses, with the same accurate integer
 * IDCT and fancy chroma upsampling). Rows below the window are never decoded and rows above it and
 * columns beside it are entropy-decoded only, which is what makes a top-down sample cheap: it needs
 * only the pixels under its box. A scaled decode (libjpeg's DCT scaling) skips most of the IDCT.
 *
 * <p>One graph and session serve every thread (a session runs concurrently, each decode in its
 * caller's thread); a graph session is used because an eager op costs about a millisecond of set-up
 * per call here, more than a cropped decode.
 */
public final class JpegDecoder {
  /** The scale denominators a decode can use. */
  public static final int[] RATIOS = {1, 2, 4, 8};

  private static final class Holder {
    static final JpegDecoder INSTANCE = new JpegDecoder();
  }

  private final Graph graph;
  private final Session session;
  private final Output<TString> contents;
  private final Output<TInt32> window;
  private final Output<?>[] decoders = new Output<?>[RATIOS.length];

  private JpegDecoder() {
    OneDnn.enable(); // may be the process's first use of TensorFlow
    graph = new Graph();
    Ops tf = Ops.create(graph);
    contents = tf.withName("contents").placeholder(TString.class).output();
    window = tf.withName("crop_window").placeholder(TInt32.class).output();
    for (int i = 0; i < RATIOS.length; i++) {
      decoders[i] =
          tf.withName("decode_ratio_" + RATIOS[i])
              .image
              .decodeAndCropJpeg(
                  contents, window, DecodeAndCropJpeg.channels(3L), DecodeAndCropJpeg.ratio((long) RATIOS[i]))
              .asOutput();
    }
    // a negative inter-op thread count makes the session run the kernel in the calling thread: no
    // hand-off to a pool thread and back, which costs most on a busy machine
    session =
        new Session(
            graph, ConfigProto.newBuilder().setInterOpParallelismThreads(-1).setIntraOpParallelismThreads(1).build());
  }

  /** The process's decoder, made on first use. */
  public static JpegDecoder get() {
    return Holder.INSTANCE;
  }

  /** Size of the image a decode at {@code 1 / ratio} scale gives: libjpeg rounds up. */
  public static int scaled(int size, int ratio) {
    return (size + ratio - 1) / ratio;
  }

  /**
   * The window {@code (y, x, h, w)} of the image decoded at {@code 1 / ratio} scale (the window is in
   * the scaled image's pixels), as RGB bytes in row-major {@code (h, w, 3)} order.
   */
  public byte[] decodeRgb(byte[] jpeg, int ratio, int y, int x, int h, int w) {
    int r = ratioIndex(ratio);
    if (h <= 0 || w <= 0 || y < 0 || x < 0) {
      throw new IllegalArgumentException("empty or negative crop window (" + y + ", " + x + ", " + h + ", " + w + ")");
    }
    try (TString bytes = TString.tensorOfBytes(NdArrays.scalarOfObject(jpeg));
        TInt32 crop = TInt32.vectorOf(y, x, h, w);
        Result result = session.runner().feed(contents, bytes).feed(window, crop).fetch(decoders[r]).run()) {
      TUint8 image = (TUint8) result.get(0);
      long size = image.shape().size();
      if (size != (long) h * w * 3) {
        throw new IllegalStateException("decoder returned shape " + image.shape() + " for a " + h + " x " + w + " window");
      }
      byte[] out = new byte[(int) size];
      image.asRawTensor().data().read(out);
      return out;
    }
  }

  private static int ratioIndex(int ratio) {
    for (int i = 0; i < RATIOS.length; i++) {
      if (RATIOS[i] == ratio) {
        return i;
      }
    }
    throw new IllegalArgumentException("JPEG scale ratio must be 1, 2, 4 or 8, got " + ratio);
  }
}
