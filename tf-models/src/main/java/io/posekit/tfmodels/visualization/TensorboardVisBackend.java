package io.posekit.tfmodels.visualization;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import io.posekit.annotations.Nullable;

/**
 * MMEngine's {@code TensorboardVisBackend}: a TensorBoard event file
 * ({@code <save_dir>/events.out.tfevents.<seconds>.<host>}) written directly, record framing and
 * protobufs encoded here, no TensorFlow needed. Scalars are {@code simple_value} summaries, images
 * PNG-encoded image summaries, the config a text summary under {@code config}. Every write is flushed.
 */
@RegisterModule(registry = Registries.VISBACKENDS, scope = "mmengine")
public final class TensorboardVisBackend implements VisBackend {
  // Event: wall_time=1, step=2, file_version=3, summary=5; Summary: value=1;
  // Summary.Value: tag=1, simple_value=2, image=4, tensor=8, metadata=9;
  // Summary.Image: height=1, width=2, colorspace=3, encoded_image_string=4
  private @Nullable Path saveDir;
  private @Nullable Path file;
  private @Nullable OutputStream out;
  private boolean closed;

  public TensorboardVisBackend(@Param(defaultValue = "None") @Nullable String saveDir) {
    this.saveDir = saveDir == null ? null : Path.of(saveDir);
  }

  @Override
  public @Nullable Path saveDir() {
    return saveDir;
  }

  @Override
  public void useSaveDirIfUnset(Path dir) {
    if (saveDir == null) {
      saveDir = dir;
    }
  }

  /** The event file, once something was written. */
  public @Nullable Path eventFile() {
    return file;
  }

  /** The host part of the file name; TensorBoard only needs the {@code events.out.tfevents} prefix. */
  private static String host() {
    String h = System.getenv("HOSTNAME");
    return h == null || h.isBlank() ? "localhost" : h.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private synchronized void writeEvent(Protobuf event) {
    if (closed) {
      throw new IllegalStateException("TensorboardVisBackend is closed");
    }
    if (saveDir == null) {
      throw new IllegalStateException("TensorboardVisBackend has no save_dir: set it in its config or in the visualizer's");
    }
    try {
      if (out == null) {
        Files.createDirectories(saveDir);
        long now = System.currentTimeMillis();
        file = saveDir.resolve("events.out.tfevents." + now / 1000 + "." + host());
        out = new BufferedOutputStream(Files.newOutputStream(file));
        TfRecordWriter.write(out, new Protobuf().double64(1, now / 1000.0).string(3, "brain.Event:2").toByteArray());
      }
      TfRecordWriter.write(out, event.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("TensorboardVisBackend: cannot write " + (file != null ? file : saveDir), e);
    }
  }

  private static Protobuf event(int step, Protobuf... values) {
    Protobuf summary = new Protobuf();
    for (Protobuf v : values) {
      summary.message(1, v);
    }
    return new Protobuf().double64(1, System.currentTimeMillis() / 1000.0).int64(2, step).message(5, summary);
  }

  private static Protobuf scalarValue(String tag, double value) {
    return new Protobuf().string(1, tag).float32(2, (float) value);
  }

  @Override
  public void addConfig(String configText) {
    Protobuf metadata = new Protobuf().message(1, new Protobuf().string(1, "text"));
    Protobuf tensor =
        new Protobuf()
            .int64(1, 7) // DT_STRING
            .message(2, new Protobuf().message(2, new Protobuf().int64(1, 1)))
            .bytes(8, configText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    writeEvent(event(0, new Protobuf().string(1, "config/text_summary").message(8, tensor).message(9, metadata)));
  }

  @Override
  public void addImage(String name, BufferedImage image, int step) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", png)) {
        throw new IllegalStateException("TensorboardVisBackend: no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("TensorboardVisBackend: cannot encode image " + name, e);
    }
    boolean alpha = image.getColorModel().hasAlpha();
    Protobuf img =
        new Protobuf()
            .int64(1, image.getHeight())
            .int64(2, image.getWidth())
            .int64(3, alpha ? 4 : 3)
            .bytes(4, png.toByteArray());
    writeEvent(event(step, new Protobuf().string(1, name).message(4, img)));
  }

  @Override
  public void addScalar(String name, double value, int step) {
    writeEvent(event(step, scalarValue(name, value)));
  }

  @Override
  public void addScalars(Map<String, ? extends Number> scalars, int step) {
    Protobuf[] values = scalars.entrySet().stream()
        .map(e -> scalarValue(e.getKey(), e.getValue().doubleValue())).toArray(Protobuf[]::new);
    writeEvent(event(step, values));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("TensorboardVisBackend: cannot close " + file, e);
      }
    }
  }
}
