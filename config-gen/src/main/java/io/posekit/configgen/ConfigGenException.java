package io.posekit.configgen;

/** A config that config-gen cannot turn into Java; the message names file, line and key path. */
public final class ConfigGenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigGenException(String message) {
    super(message);
  }

  public ConfigGenException(String message, Throwable cause) {
    super(message, cause);
  }
}
