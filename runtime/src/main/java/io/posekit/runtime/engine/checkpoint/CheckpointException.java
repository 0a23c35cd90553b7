package io.posekit.runtime.engine.checkpoint;

import java.nio.file.Path;

/** A checkpoint that cannot be written or read; the message names the file. */
public final class CheckpointException extends RuntimeException {
  public CheckpointException(Path file, String message, Throwable cause) {
    super("checkpoint " + file + ": " + message, cause);
  }

  public CheckpointException(Path file, String message) {
    super("checkpoint " + file + ": " + message);
  }
}
