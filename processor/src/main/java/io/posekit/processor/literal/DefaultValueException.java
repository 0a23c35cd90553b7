package io.posekit.processor.literal;

/** A default value that parses but does not fit the parameter's type. */
public final class DefaultValueException extends Exception {
  private static final long serialVersionUID = 1L;

  public DefaultValueException(String message) {
    super(message);
  }
}
