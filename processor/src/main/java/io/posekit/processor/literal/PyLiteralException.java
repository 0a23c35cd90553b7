package io.posekit.processor.literal;

/** A default value that is not a Python literal this processor understands. */
public final class PyLiteralException extends Exception {
  private static final long serialVersionUID = 1L;

  public PyLiteralException(String message) {
    super(message);
  }
}
