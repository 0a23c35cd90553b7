package io.posekit.tfmodels.datasets;

/** A sample failed to load or to go through its pipeline; names the sample's index and image file. */
public final class DataLoaderException extends RuntimeException {
  private final int sampleIndex;

  public DataLoaderException(int sampleIndex, String what, Throwable cause) {
    super(what + ": " + cause, cause);
    this.sampleIndex = sampleIndex;
  }

  /** The data set index of the sample that failed. */
  public int sampleIndex() {
    return sampleIndex;
  }
}
