package io.posekit.tfmodels.distributed;

/** A distributed run cannot start or go on: the message names the rank, address or port at fault. */
public final class DistributedException extends RuntimeException {
  public DistributedException(String message) {
    super(message);
  }

  public DistributedException(String message, Throwable cause) {
    super(message, cause);
  }
}
