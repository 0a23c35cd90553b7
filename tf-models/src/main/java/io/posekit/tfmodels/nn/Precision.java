package io.posekit.tfmodels.nn;

import org.tensorflow.proto.RewriterConfig;

/**
 * The compute precision of a graph, as MMEngine's {@code AmpOptimWrapper(dtype=...)} names it.
 * Variables (the master weights, Adam's moments, BN statistics) stay float32 in every case; mixed
 * precision is TensorFlow's Grappler pass, which casts the inputs of the ops on its allow list
 * (convolutions and their gradients) to the low precision and keeps numerically sensitive ops
 * (reductions, the loss, BN's statistics, the optimizer update) in float32.
 */
public enum Precision {
  /** Everything in float32. */
  FLOAT32("float32"),
  /**
   * bfloat16 on CPU through oneDNN (Grappler's {@code auto_mixed_precision_onednn_bfloat16});
   * fast on CPUs with AVX512_BF16, AMX or AVX-NE-CONVERT, emulated and several times slower than
   * float32 on others ({@link CpuFlags#hasNativeBfloat16()}), not done at all with oneDNN off
   * (the graph then computes in float32, see {@link #computesHere()} and {@link OneDnn}).
   */
  BFLOAT16("bfloat16"),
  /**
   * float16 on an NVIDIA GPU (Grappler's {@code auto_mixed_precision}, the CUDA pass), trained
   * with loss scaling. On a CPU-only build the pass leaves the graph in float32 unless
   * {@link #emulatedOnCpu()} is asked for.
   */
  FLOAT16("float16");

  private final String dtype;

  Precision(String dtype) {
    this.dtype = dtype;
  }

  /** MMEngine's dtype string. */
  public String dtype() {
    return dtype;
  }

  public boolean isMixed() {
    return this != FLOAT32;
  }

  /**
   * Whether convolutions must read an even number of channels. TF 2.18's oneDNN bfloat16 forward
   * convolution (what Grappler's pass lowers Conv2D to) is wrong when its input has an odd channel
   * count above 1, as every RGB stem has: the first output pixel is right, the others are off by
   * tens of percent (Conv2dOddChannelsTest reproduces it). An extra zero channel avoids it exactly.
   */
  public boolean needsEvenChannels() {
    return this == BFLOAT16 && computesHere();
  }

  /**
   * Whether TensorFlow computes in this precision on this machine, or its Grappler pass leaves the
   * graph in float32 for want of hardware support ({@link MixedPrecisionProbe}).
   */
  public boolean computesHere() {
    return MixedPrecisionProbe.computesIn(this);
  }

  /** {@code 'float32'}, {@code 'bfloat16'} or {@code 'float16'}, as MMEngine's AmpOptimWrapper takes them. */
  public static Precision fromDtype(String dtype, String where) {
    for (Precision p : values()) {
      if (p.dtype.equals(dtype)) {
        return p;
      }
    }
    throw new IllegalArgumentException(where + ": dtype must be 'float32', 'bfloat16' or 'float16', got '" + dtype + "'");
  }

  /**
   * Whether FLOAT16 graphs on a CPU use Grappler's {@code auto_mixed_precision_cpu}, which keeps
   * float16 at op boundaries but computes in float32: it runs the float16 graph rewrite and loss
   * scaling without a GPU (for tests), at no speed gain. System property {@code posekit.amp.emulateFp16OnCpu}.
   */
  public static boolean emulatedOnCpu() {
    return Boolean.getBoolean("posekit.amp.emulateFp16OnCpu");
  }

  /** Turns on the Grappler pass for this precision. */
  public void configure(RewriterConfig.Builder rewrites) {
    switch (this) {
      case FLOAT32 -> { }
      case BFLOAT16 -> rewrites.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
      case FLOAT16 -> {
        rewrites.setAutoMixedPrecision(RewriterConfig.Toggle.ON);
        if (emulatedOnCpu()) {
          rewrites.setAutoMixedPrecisionCpu(RewriterConfig.Toggle.ON);
        }
      }
    }
  }
}
