package io.posekit.tfmodels.fileio;

/** A read through a {@link StorageBackend} that failed; the message names the path or URI. */
public class StorageException extends RuntimeException {
  private final String uri;

  public StorageException(String uri, String message, Throwable cause) {
    super(message, cause);
    this.uri = uri;
  }

  public StorageException(String uri, String message) {
    super(message);
    this.uri = uri;
  }

  /** The path or URI the read was for. */
  public String uri() {
    return uri;
  }
}
