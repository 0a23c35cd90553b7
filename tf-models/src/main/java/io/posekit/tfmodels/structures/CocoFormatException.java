package io.posekit.tfmodels.structures;

/** A COCO-format file that cannot be read; the message names the file and the offending record or key. */
public final class CocoFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CocoFormatException(String message) {
    super(message);
  }

  public CocoFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
