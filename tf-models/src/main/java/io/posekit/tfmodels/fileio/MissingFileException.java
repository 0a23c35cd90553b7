package io.posekit.tfmodels.fileio;

/** The file, object or key is not there (as opposed to a read that failed). */
public final class MissingFileException extends StorageException {
  public MissingFileException(String uri, String message) {
    super(uri, message);
  }
}
