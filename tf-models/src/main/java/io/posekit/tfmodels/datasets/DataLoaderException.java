package io.posekit.tfmodels.datasets;

/** A sample failed to load or to go through its pipeline; names the sample's index and image file. */
public final class DataLoaderException extends RuntimeException {
  private final int sampleIndex;
  private final String what;

  public DataLoaderException(int sampleIndex, String what, Throwable cause) {
    super(what + ": " + cause, cause);
    this.sampleIndex = sampleIndex;
    this.what = what;
  }

  /** Which sample failed (its index and image file), without the cause. */
  public String what() {
    return what;
  }

  /** The data set index of the sample that failed. */
  public int sampleIndex() {
    return sampleIndex;
  }
}
