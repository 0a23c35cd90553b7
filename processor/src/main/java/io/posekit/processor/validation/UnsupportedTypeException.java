package io.posekit.processor.validation;

/** A parameter type no config value maps to. */
public final class UnsupportedTypeException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnsupportedTypeException(String message) {
    super(message);
  }
}
