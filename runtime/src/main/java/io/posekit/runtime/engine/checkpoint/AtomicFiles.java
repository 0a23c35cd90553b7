package io.posekit.runtime.engine.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: write a temporary file in the same directory, fsync it, rename it
 * over the target (atomic on POSIX), fsync the directory. A kill at any moment leaves either the
 * old or the new file, never a partial one; a stale temporary file may remain and is harmless.
 */
public final class AtomicFiles {
  /**
   * Fault injection for the crash tests: with {@code -Dposekit.faultInjection.pauseWriting=NAME},
   * writing a file named NAME stops after half its bytes reached the temporary file, reports that
   * on stderr and sleeps, so that a test can kill the process in the middle of the write.
   */
  static final String PAUSE_WRITING = "posekit.faultInjection.pauseWriting";

  private AtomicFiles() {}

  /** The body writes the full content to the stream it is given. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  public static void write(Path target, Writer body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        if (target.getFileName().toString().equals(System.getProperty(PAUSE_WRITING))) {
          writeHalfThenPause(body, out, tmp);
        } else {
          body.write(out);
        }
        out.flush();
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static void writeHalfThenPause(Writer body, OutputStream out, Path tmp) throws IOException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    body.write(all);
    byte[] bytes = all.toByteArray();
    out.write(bytes, 0, bytes.length / 2);
    out.flush();
    System.err.println("posekit: fault injection: paused writing " + tmp + " at " + bytes.length / 2 + "/" + bytes.length + " bytes");
    System.err.flush();
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while paused by " + PAUSE_WRITING, e);
    }
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
